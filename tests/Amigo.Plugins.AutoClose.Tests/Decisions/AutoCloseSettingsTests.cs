namespace Amigo.Plugins.AutoClose.Tests.Decisions;

public sealed class AutoCloseSettingsTests
{
    // The problems the run would stop on: the settings read through the connector's one validator, as the runner does.
    private static IReadOnlyList<string> Problems(IDictionary<string, string?> values, LifecycleProfile? profile = null)
    {
        var academy = TestAcademies.Create("montpellier", new UnusedITopClient(TestAcademies.Paris), values, profile);
        try
        {
            academy.GetValidatedPluginSettings<AutoCloseSettings>("autoclose");
            return [];
        }
        catch (PluginSettingsException invalid)
        {
            Assert.Equal("autoclose", invalid.PluginId);
            return invalid.Problems;
        }
    }

    [Fact]
    public void Defaults_follow_the_tutorials_and_the_stock_profile()
    {
        var academy = TestAcademies.Create("normandie", new UnusedITopClient(TestAcademies.Paris));
        var settings = academy.GetPluginSettings<AutoCloseSettings>("autoclose");
        var policy = AutoClosePolicy.Create(academy, settings);

        Assert.Equal(14, settings.DelayDays);
        Assert.Equal(DayMode.Calendar, settings.DayMode);
        Assert.Equal(["resolved"], policy.ResolvedStatuses);
        Assert.Equal("ev_close", policy.Close.Stimulus);
        Assert.Empty(PluginSettingsValidator.Validate(settings, academy));
    }

    [Fact]
    public void Montpellier_sets_16_days()
    {
        var academy = TestAcademies.Create("montpellier", new UnusedITopClient(TestAcademies.Paris), new Dictionary<string, string?> { ["DelayDays"] = "16" });
        Assert.Equal(16, academy.GetPluginSettings<AutoCloseSettings>("autoclose").DelayDays);
    }

    [Theory]
    [InlineData("DelayDays", "0", "DelayDays")]
    [InlineData("MaxClosingsPerRun", "0", "MaxClosingsPerRun")]
    [InlineData("ResolvedStatuses:0", "assigned", "'assigned' is not a Resolved status")]
    [InlineData("CloseFields:status", "closed", "'status' cannot be set")]
    [InlineData("CloseFields:bad-name", "x", "not an iTop attribute code")]
    [InlineData("NoteTemplate", "Clôturée après {delai} jours", "unknown placeholder '{delai}'")]
    [InlineData("ReminderDaysBefore", "14", "must be less than DelayDays")]
    public void Invalid_settings_are_refused_with_the_setting_named(string key, string value, string expected)
    {
        var problems = Problems(new Dictionary<string, string?> { [key] = value });
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_profile_whose_close_needs_fields_requires_them_in_the_settings()
    {
        var stock = BuiltInProfiles.Stock;
        var actions = stock.Actions.ToDictionary(a => a.Key, a => a.Value);
        actions[LogicalAction.Close] = new LifecycleAction("ev_close", ["user_satisfaction"], ["resolved"]);
        var profile = new LifecycleProfile("amigo", stock.Statuses, actions);

        Assert.Contains(Problems(new Dictionary<string, string?>(), profile), p => p.Contains("'user_satisfaction'", StringComparison.Ordinal));
        Assert.Empty(Problems(new Dictionary<string, string?> { ["CloseFields:user_satisfaction"] = "1" }, profile));
    }

    [Fact]
    public void Invalid_settings_stop_the_policy_before_anything_happens()
    {
        var academy = TestAcademies.Create("x", new UnusedITopClient(TestAcademies.Paris), new Dictionary<string, string?> { ["DelayDays"] = "-1" });
        var error = Assert.Throws<PluginSettingsException>(() => AutoClosePolicy.Create(academy, academy.GetPluginSettings<AutoCloseSettings>("autoclose")));
        Assert.Contains("DelayDays", error.Message);
        Assert.Contains(error.Problems, p => p.Contains("DelayDays", StringComparison.Ordinal));
    }

    [Fact]
    public void The_note_is_rendered_in_french_with_the_delay()
    {
        var values = new NoteTemplates.Values(14, DayMode.Calendar, "R-000042", new DateTime(2026, 11, 2, 9, 0, 0), new DateTime(2026, 11, 16, 9, 0, 0));
        Assert.Equal("Demande clôturée automatiquement 14 jours après sa résolution.", NoteTemplates.Render(AutoCloseSettings.DefaultNoteTemplate, values));
        Assert.Equal("10 jours ouvrés, le 16/11/2026 (R-000042)", NoteTemplates.Render("{delay} {unit}, le {close_date} ({ref})", values with { Delay = 10, Mode = DayMode.WorkingDays }));
        Assert.Null(NoteTemplates.Render("", values));
    }
}
