namespace Amigo.Connector.Host.Check;

/// <summary>
/// Proves a plugin's write rights without writing. iTop checks the rights before touching any object:
/// <list type="bullet">
/// <item><c>modify</c>: <c>core/update</c> with a key that matches nothing (and only a field that does not exist) —
/// refused code 1 without the right, else code 100 "no object found" (nothing written);</item>
/// <item><c>create</c>: <c>core/create</c> with only an attribute that does not exist — refused code 1 without the
/// right, else code 100 "invalid attribute code" before any insert (nothing created).</item>
/// </list>
/// </summary>
internal static class RightsProbe
{
    private const string ProbeAttribute = "amigo_check_no_such_attribute";

    public static async Task<CheckLine> RunAsync(string academy, string pluginId, ITopWriteNeed need, IITopClient itop, CancellationToken cancellationToken)
    {
        var name = $"{pluginId}: {need.Operation} {need.ClassName}";
        try
        {
            if (need.Operation == "create")
                await itop.CreateAsync(new ITopWrite(need.ClassName, null, new ITopFields().Set(ProbeAttribute, ""), ITopProbe.Comment, ["id"]), cancellationToken);
            else
                // Twice harmless: the key matches nothing, and the only field does not exist.
                await itop.UpdateAsync(new ITopWrite(need.ClassName, ITopProbe.Nothing(need.ClassName), new ITopFields().Set(ProbeAttribute, ""), ITopProbe.Comment, ["id"]), cancellationToken);
            // Success would mean iTop wrote something it should not have: say so rather than claim a proof.
            return new CheckLine(academy, name, CheckOutcome.Warning, $"core/{(need.Operation == "create" ? "create" : "update")} probe was accepted, which iTop never does",
                "report this: the probe must match no object");
        }
        catch (ITopException error) when (error.Code == ITopErrorCodes.Unauthorized)
        {
            return new CheckLine(academy, name, CheckOutcome.Failed, error.ITopMessage,
                $"give the account a profile that may {need.Operation} {need.ClassName} (e.g. Support Agent for tickets; see the plugin's doc)");
        }
        catch (ITopException error) when (error.Code == ITopErrorCodes.InternalError)
        {
            return new CheckLine(academy, name, CheckOutcome.Passed, $"allowed (probe refused after the rights check, nothing written: {error.ITopMessage})");
        }
    }
}
