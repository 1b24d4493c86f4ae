namespace Amigo.Plugins.AutoClose.Calendar;

/// <summary>How the auto-close delay is counted.</summary>
public enum DayMode
{
    /// <summary>Every day counts.</summary>
    Calendar,
    /// <summary>Only Monday–Friday days that are not French public holidays (nor the academy's extra closed days) count.</summary>
    WorkingDays,
}
