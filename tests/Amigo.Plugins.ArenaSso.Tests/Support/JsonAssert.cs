namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>Structural comparison of JSON values (what the bridge sent to iTop).</summary>
internal static class JsonAssert
{
    public static void Equal(string expected, JToken? actual) => Equal(JToken.Parse(expected), actual);

    public static void Equal(JToken expected, JToken? actual) =>
        Assert.True(JToken.DeepEquals(expected, actual),
            $"Expected {expected.ToString(Formatting.None)} but got {actual?.ToString(Formatting.None) ?? "nothing"}");
}
