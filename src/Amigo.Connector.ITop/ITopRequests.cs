namespace Amigo.Connector.ITop;

/// <summary>Arguments of <c>core/get</c>.</summary>
/// <param name="ClassName">iTop class, e.g. <c>UserRequest</c>. When <paramref name="Key"/> is OQL selecting another class, iTop's OQL class wins.</param>
/// <param name="Key">Which objects: an id, an OQL query or a search specification.</param>
/// <param name="OutputFields">Explicit attribute codes (never <c>*</c> by default: it costs iTop ~6.5 ms per object).</param>
/// <param name="Limit">Page size (<c>limit</c>); null reads everything in one answer.</param>
/// <param name="Page">Page number from 1 (<c>page</c>).</param>
public sealed record ITopGetRequest(
    string ClassName,
    ITopKey Key,
    IReadOnlyList<string> OutputFields,
    int? Limit = null,
    int? Page = null);

/// <summary>Arguments of <c>core/create</c> and <c>core/update</c>.</summary>
/// <param name="ClassName">iTop class.</param>
/// <param name="Key">Object to update; ignored (null) for a create.</param>
/// <param name="Fields">Values to write. Case logs can only be appended to (see <see cref="ITopFields.AppendToLog"/>).</param>
/// <param name="Comment">Mandatory origin of the change, recorded by iTop in the object's history.</param>
/// <param name="OutputFields">Fields to read back from the written object.</param>
public sealed record ITopWrite(
    string ClassName,
    ITopKey? Key,
    ITopFields Fields,
    string Comment,
    IReadOnlyList<string> OutputFields);

/// <summary>Arguments of <c>core/apply_stimulus</c>.</summary>
public sealed record ITopStimulus(
    string ClassName,
    ITopKey Key,
    string StimulusCode,
    ITopFields Fields,
    string Comment,
    IReadOnlyList<string> OutputFields);

/// <summary>Arguments of <c>core/get_related</c>.</summary>
public sealed record ITopRelatedRequest(
    string ClassName,
    ITopKey Key,
    string Relation,
    int Depth = 3,
    string Direction = "down");

/// <summary>One verb offered by <c>list_operations</c>.</summary>
public sealed record ITopOperation(string Verb, string Description, string Extension);

/// <summary>A buffered <c>core/get</c> answer.</summary>
/// <param name="TotalCount">The N of iTop's <c>Found: N</c>: the total match count, not the page size.</param>
/// <param name="Objects">The objects of this answer, in iTop's order.</param>
public sealed record ITopGetResult(int TotalCount, IReadOnlyList<ITopObject> Objects);

/// <summary>A <c>core/delete</c> answer.</summary>
public sealed record ITopDeleteResult(int DeletedCount, IReadOnlyList<ITopObject> Objects);
