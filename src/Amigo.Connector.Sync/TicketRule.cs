namespace Amigo.Connector.Sync;

/// <summary>How a column of <c>tickets</c> is made from a UserRequest's fields.</summary>
internal enum TicketRule
{
    /// <summary>The object's id.</summary>
    ObjectKey,
    /// <summary>The attribute's text, or <c>#id</c> when empty (a ticket always has a reference to show).</summary>
    TextOrKeyReference,
    /// <summary>The attribute's text, <c>""</c> when null or absent (NOT NULL columns).</summary>
    RequiredText,
    /// <summary>The group, in the academy's lifecycle, of the attribute's status code (<c>Other</c> when unknown or empty).</summary>
    StatusGroup,
    /// <summary>The attribute's text; NULL when absent, null or empty (and always NULL for an unmapped attribute).</summary>
    Text,
    /// <summary>An external key; NULL when absent, null, empty or <c>"0"</c>; anything but digits is an error.</summary>
    ExternalKey,
    /// <summary>The instant of an iTop local time (the academy's time zone); NULL when empty; anything but a date is an error.</summary>
    Instant,
}
