namespace Amigo.Plugins.Retention.Running;

/// <summary>
/// <c>amigo check</c>: when an academy enables deletion in iTop, whether the REST account may delete <c>UserRequest</c>.
/// Proven with a simulated <c>core/delete</c> of a query that matches nothing: iTop checks the right first and
/// deletes nothing (stock iTop 3.2 grants it to the Administrator profile only).
/// </summary>
public sealed class DeletionRightPreflight : IPluginPreflight
{
    /// <summary>The line's text.</summary>
    public const string Check = "retention: the REST account may delete UserRequest in iTop";

    /// <inheritdoc />
    public string PluginId => RetentionPlugin.PluginId;

    /// <inheritdoc />
    public async Task<IReadOnlyList<PreflightLine>> CheckAsync(AcademyContext academy, CancellationToken cancellationToken)
    {
        var settings = academy.GetPluginSettings<RetentionSettings>(RetentionPlugin.PluginId);
        if (!settings.DeleteInITop) return [];
        var nothing = Oql.Select(ITopDeletion.ClassName).Where("id", "=", 0).Build();
        try
        {
            await academy.ITop.DeleteAsync(ITopDeletion.ClassName, ITopKey.Query(nothing), "Connecteur Amigo (retention) : vérification du droit de suppression", simulate: true, cancellationToken);
            return [new PreflightLine(Check, true, "a simulated core/delete was accepted")];
        }
        catch (ITopException refused) when (refused.Code == ITopErrorCodes.Unauthorized)
        {
            return [new PreflightLine(Check, false, refused.ITopMessage,
                "give the REST account a profile allowing delete on UserRequest (stock iTop: Administrator), or set retention:DeleteInITop to false")];
        }
        catch (Exception error) when (error is ITopException or ITopTransportException or ITopFormatException or ITopOutcomeUnknownException)
        {
            return [new PreflightLine(Check, false, error.Message, "check that iTop answers (amigo check's other lines)")];
        }
    }
}
