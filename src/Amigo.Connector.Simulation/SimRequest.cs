namespace Amigo.Connector.Simulation;

/// <summary>What the simulation needs of an HTTP request.</summary>
internal sealed record SimRequest(string Method, string? Version, IReadOnlyDictionary<string, string> Form, string? Authorization);

/// <summary>The answer of the simulation.</summary>
internal sealed record SimAnswer(int Status, string Body, string ContentType = "application/json");
