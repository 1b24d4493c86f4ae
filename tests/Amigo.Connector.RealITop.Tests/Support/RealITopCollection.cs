namespace Amigo.Connector.RealITop.Tests.Support;

/// <summary>The tests that write to the shared lab run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RealITopCollection
{
    public const string Name = "real iTop lab";
}
