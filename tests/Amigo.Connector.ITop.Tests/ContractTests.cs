namespace Amigo.Connector.ITop.Tests;

/// <summary>The contract against the simulation (always run).</summary>
public sealed class SimulatedITopContractTests : IDisposable
{
    private readonly ITopSimulation _sim = ITopSimulation.Start(new ITopSimulationOptions { SeedDemoData = true });
    private readonly ITopClient _client;

    public SimulatedITopContractTests()
    {
        _client = _sim.CreateClient();
        var demo = _sim.Store.Ids("Organization")[0];
        _sim.Store.AddUserRequest(new ITopSimTicket { OrgId = demo, Title = "Ticket clos", Status = "closed", CloseDate = new DateTime(2026, 11, 1, 9, 0, 0) });
    }

    [Fact] public Task Lists_the_seven_core_operations() => ITopContract.ListsTheSevenCoreOperations(_client);
    [Fact] public Task Checks_credentials() => ITopContract.ChecksCredentials(_client, "connector", "secret");
    [Fact] public Task Reads_organizations_with_string_ids_and_total() => ITopContract.ReadsOrganizationsWithStringIdsAndTotal(_client);
    [Fact] public Task Answers_nothing_as_an_empty_result() => ITopContract.AnswersNothingAsAnEmptyResult(_client);
    [Fact] public Task Refuses_unknown_classes_and_attributes_with_code_100() => ITopContract.RefusesUnknownClassesAndAttributesWithCode100(_client);
    [Fact] public Task Refuses_a_bad_password_with_code_1() => ITopContract.RefusesABadPasswordWithCode1(_sim.ClientOptions());
    [Fact] public Task Refuses_an_invalid_stimulus() => ITopContract.RefusesAnInvalidStimulus(_client);
    [Fact] public Task Authenticates_with_form_fields_or_a_basic_header() => ITopContract.AuthenticatesWithFormFieldsOrABasicHeader(Target);
    [Fact] public Task Refuses_an_account_without_the_rest_profile() => ITopContract.RefusesAnAccountWithoutTheRestProfile(Target);
    [Fact] public Task Answers_each_protocol_error_with_its_code() => ITopContract.AnswersEachProtocolErrorWithItsCode(Target);
    [Fact] public Task Answers_no_match_with_null_objects() => ITopContract.AnswersNoMatchWithNullObjects(Target);
    [Fact] public Task Pages_with_the_total_in_found() => ITopContract.PagesWithTheTotalInFound(_client);
    [Fact] public Task Resolves_search_specification_keys() => ITopContract.ResolvesSearchSpecificationKeys(_client);
    [Fact] public Task Takes_a_ticket_through_the_lifecycle() => ITopContract.TakesATicketThroughTheLifecycle(_client, _sim.Clock.GetUtcNow);
    [Fact] public Task Appends_to_case_logs_and_replaces_only_with_items() => ITopContract.AppendsToCaseLogsAndReplacesOnlyWithItems(Target, _client);
    [Fact] public Task Refuses_ambiguous_write_keys_and_deletes() => ITopContract.RefusesAmbiguousWriteKeysAndDeletes(_client);
    [Fact] public Task Limits_the_description_to_64_kb() => ITopContract.LimitsTheDescriptionTo64KB(_client);
    [Fact] public Task Types_fields_like_itop() => ITopContract.TypesFieldsLikeITop(_client);

    [Fact] public Task Matches_hostile_titles_only_themselves() => ITopContract.MatchesHostileTitlesOnlyThemselves(_client);
    [Fact] public Task Filters_like_mariadb() => ITopContract.FiltersLikeMariaDb(_client);
    [Fact] public Task Counts_the_description_limit_on_the_stored_html() => ITopContract.CountsTheDescriptionLimitOnTheStoredHtml(_client);
    [Fact] public Task Answers_bad_requests_like_the_recordings() => ITopContract.AnswersBadRequestsLikeTheRecordings(Target, _client);
    [Fact] public Task Manages_accounts_like_itop() => ITopContract.ManagesAccountsLikeITop(Target);

    private ITopContractTarget Target => new(_sim.ClientOptions(), ITopSimulationOptions.Admin.Login, ITopSimulationOptions.Admin.Password,
        ITopSimulationOptions.NoRest.Login, ITopSimulationOptions.NoRest.Password);

    public void Dispose()
    {
        _client.Dispose();
        _sim.Dispose();
    }
}

/// <summary>The same contract against a real iTop, when AMIGO_ITOP_URL, AMIGO_ITOP_USER and AMIGO_ITOP_PASSWORD are set (skipped otherwise).</summary>
public sealed class RealITopContractTests : IDisposable
{
    private readonly ITopClient? _client = RealITop.Options is { } options ? new ITopClient(options) : null;

    [RealITopFact] public Task Lists_the_seven_core_operations() => ITopContract.ListsTheSevenCoreOperations(_client!);
    [RealITopFact] public Task Checks_credentials() => ITopContract.ChecksCredentials(_client!, RealITop.Options!.User!, RealITop.Options.Password!);
    [RealITopFact] public Task Reads_organizations_with_string_ids_and_total() => ITopContract.ReadsOrganizationsWithStringIdsAndTotal(_client!);
    [RealITopFact] public Task Answers_nothing_as_an_empty_result() => ITopContract.AnswersNothingAsAnEmptyResult(_client!);
    [RealITopFact] public Task Refuses_unknown_classes_and_attributes_with_code_100() => ITopContract.RefusesUnknownClassesAndAttributesWithCode100(_client!);
    [RealITopFact] public Task Refuses_a_bad_password_with_code_1() => ITopContract.RefusesABadPasswordWithCode1(RealITop.Options!);
    [RealITopFact] public Task Refuses_an_invalid_stimulus() => ITopContract.RefusesAnInvalidStimulus(_client!);
    [RealITopFact] public Task Authenticates_with_form_fields_or_a_basic_header() => ITopContract.AuthenticatesWithFormFieldsOrABasicHeader(RealITop.Target!);
    [RealITopFact] public Task Refuses_an_account_without_the_rest_profile() => ITopContract.RefusesAnAccountWithoutTheRestProfile(RealITop.Target!);
    [RealITopFact] public Task Answers_each_protocol_error_with_its_code() => ITopContract.AnswersEachProtocolErrorWithItsCode(RealITop.Target!);
    [RealITopFact] public Task Answers_no_match_with_null_objects() => ITopContract.AnswersNoMatchWithNullObjects(RealITop.Target!);
    [RealITopFact] public Task Pages_with_the_total_in_found() => ITopContract.PagesWithTheTotalInFound(_client!);
    [RealITopFact] public Task Resolves_search_specification_keys() => ITopContract.ResolvesSearchSpecificationKeys(_client!);
    [RealITopFact] public Task Takes_a_ticket_through_the_lifecycle() => ITopContract.TakesATicketThroughTheLifecycle(_client!, () => DateTimeOffset.UtcNow);
    [RealITopFact] public Task Appends_to_case_logs_and_replaces_only_with_items() => ITopContract.AppendsToCaseLogsAndReplacesOnlyWithItems(RealITop.Target!, _client!);
    [RealITopFact] public Task Refuses_ambiguous_write_keys_and_deletes() => ITopContract.RefusesAmbiguousWriteKeysAndDeletes(_client!);
    [RealITopFact] public Task Limits_the_description_to_64_kb() => ITopContract.LimitsTheDescriptionTo64KB(_client!);
    [RealITopFact] public Task Types_fields_like_itop() => ITopContract.TypesFieldsLikeITop(_client!);
    [RealITopFact] public Task Matches_hostile_titles_only_themselves() => ITopContract.MatchesHostileTitlesOnlyThemselves(_client!);
    [RealITopFact] public Task Filters_like_mariadb() => ITopContract.FiltersLikeMariaDb(_client!);
    [RealITopFact] public Task Counts_the_description_limit_on_the_stored_html() => ITopContract.CountsTheDescriptionLimitOnTheStoredHtml(_client!);
    [RealITopFact] public Task Answers_bad_requests_like_the_recordings() => ITopContract.AnswersBadRequestsLikeTheRecordings(RealITop.Target!, _client!);
    [RealITopFact] public Task Manages_accounts_like_itop() => ITopContract.ManagesAccountsLikeITop(RealITop.Target!);

    public void Dispose() => _client?.Dispose();
}

/// <summary>The real iTop named by the environment, if any.</summary>
public static class RealITop
{
    public static ITopClientOptions? Options { get; } =
        Environment.GetEnvironmentVariable("AMIGO_ITOP_URL") is { Length: > 0 } url
        && Environment.GetEnvironmentVariable("AMIGO_ITOP_USER") is { Length: > 0 } user
        && Environment.GetEnvironmentVariable("AMIGO_ITOP_PASSWORD") is { Length: > 0 } password
            ? new ITopClientOptions
            {
                InstanceName = "real-itop",
                Url = url,
                User = user,
                Password = password,
                AuthMode = Environment.GetEnvironmentVariable("AMIGO_ITOP_AUTH") == "basic" ? ITopAuthMode.Basic : ITopAuthMode.Form,
                TimeZone = TimeZoneInfo.FindSystemTimeZoneById(Environment.GetEnvironmentVariable("AMIGO_ITOP_TZ") ?? "Europe/Paris"),
            }
            : null;

    /// <summary>The real iTop with its other accounts (scripts/itop-lab.sh env exports them for the lab).</summary>
    public static ITopContractTarget? Target { get; } = Options is { } o
        ? new ITopContractTarget(o,
            Environment.GetEnvironmentVariable("AMIGO_ITOP_ADMIN_USER") ?? "admin", Environment.GetEnvironmentVariable("AMIGO_ITOP_ADMIN_PASSWORD") ?? "",
            Environment.GetEnvironmentVariable("AMIGO_ITOP_NOREST_USER") ?? "norest", Environment.GetEnvironmentVariable("AMIGO_ITOP_NOREST_PASSWORD") ?? "",
            Environment.GetEnvironmentVariable("AMIGO_ITOP_ARENA_USER"), Environment.GetEnvironmentVariable("AMIGO_ITOP_ARENA_PASSWORD"))
        : null;
}

/// <summary>A fact that runs only against a real iTop (skipped, and reported as such, without one).</summary>
public sealed class RealITopFactAttribute : FactAttribute
{
    public RealITopFactAttribute()
    {
        if (RealITop.Options is null) Skip = "No real iTop: set AMIGO_ITOP_URL, AMIGO_ITOP_USER and AMIGO_ITOP_PASSWORD to run the contract against one.";
    }
}
