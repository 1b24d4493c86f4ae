namespace Amigo.Connector.Testing.ITop;

/// <summary>An iTop that must not be called (pure decision and settings tests): every call throws.</summary>
public sealed class UnusedITopClient(TimeZoneInfo zone, string instanceName = "unused")
    : DelegatingITopClient(new RefusingITopClient(instanceName, zone, "this test must not call iTop."));
