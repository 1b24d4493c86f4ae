using Amigo.Connector.Simulation;

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
}

/// <summary>A fact that runs only against a real iTop (skipped, and reported as such, without one).</summary>
public sealed class RealITopFactAttribute : FactAttribute
{
    public RealITopFactAttribute()
    {
        if (RealITop.Options is null) Skip = "No real iTop: set AMIGO_ITOP_URL, AMIGO_ITOP_USER and AMIGO_ITOP_PASSWORD to run the contract against one.";
    }
}
