namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>A logical action resolved for a ticket's current status.</summary>
/// <param name="Action">The logical action.</param>
/// <param name="Definition">How the academy performs it.</param>
public sealed record LifecycleStep(LogicalAction Action, LifecycleAction Definition);

/// <summary>Chooses the profile's stimuli and fills their required fields; the connector never writes <c>status</c>.</summary>
public static class LifecycleSteps
{
    /// <summary>Whether <paramref name="action"/> exists in the profile and is valid from <paramref name="status"/>.</summary>
    public static LifecycleStep? Valid(LifecycleProfile profile, LogicalAction action, string status)
    {
        var definition = profile.Find(action);
        if (definition is null) return null;
        return definition.FromStatuses.Count == 0 || definition.FromStatuses.Contains(status, StringComparer.Ordinal)
            ? new LifecycleStep(action, definition)
            : null;
    }

    /// <summary>
    /// The team-change action for a ticket in <paramref name="status"/>: Dispatch first, then Redispatch, then (a
    /// ticket waiting in a state whose console only offers an assignment, e.g. stock <c>pending</c>) Assign.
    /// </summary>
    public static LifecycleStep? TeamChange(LifecycleProfile profile, string status) =>
        Valid(profile, LogicalAction.Dispatch, status) ?? Valid(profile, LogicalAction.Redispatch, status)
        ?? (Valid(profile, LogicalAction.Assign, status) is { } assign && NeedsAgent(assign) ? assign : null);

    /// <summary>
    /// Whether the step changes fields without a stimulus (an empty <c>Stimulus</c>: the ticket keeps its state, e.g.
    /// a stock <c>new</c> ticket put in another team's queue).
    /// </summary>
    public static bool IsUpdateOnly(LifecycleStep step) => string.IsNullOrEmpty(step.Definition.Stimulus);

    /// <summary>Whether the step's target state needs an agent (the profile lists <c>agent_id</c> as required).</summary>
    public static bool NeedsAgent(LifecycleStep step) => step.Definition.RequiredFields.Contains("agent_id", StringComparer.Ordinal);

    /// <summary>
    /// Fills every field the stimulus requires from <paramref name="values"/> (attribute → value; an id for external keys).
    /// A required field the plugin cannot know raises a clear error before anything is written.
    /// </summary>
    public static void FillRequired(LifecycleStep step, ITopFields fields, IReadOnlyDictionary<string, object?> values)
    {
        foreach (var attribute in step.Definition.RequiredFields)
        {
            if (fields.Attributes.Contains(attribute, StringComparer.Ordinal)) continue;
            if (!values.TryGetValue(attribute, out var value))
                throw new InvalidOperationException(
                    $"Stimulus '{step.Definition.Stimulus}' ({step.Action}) requires field '{attribute}', which the reassignment cannot fill.");
            switch (value)
            {
                case long id when attribute.EndsWith("_id", StringComparison.Ordinal): fields.SetKey(attribute, ITopKey.Id(id)); break;
                case long number: fields.Set(attribute, number); break;
                case string text: fields.Set(attribute, text); break;
                // Known but empty (e.g. a ticket without a team): iTop accepts the stimulus without it.
                case null: break;
                default: fields.Set(attribute, value.ToString()); break;
            }
        }
    }
}
