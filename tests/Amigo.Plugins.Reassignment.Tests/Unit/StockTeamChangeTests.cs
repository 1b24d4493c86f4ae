namespace Amigo.Plugins.Reassignment.Tests.Unit;

/// <summary>What a team change is on the stock lifecycle, state by state (iTop 3.2's console rules).</summary>
public sealed class StockTeamChangeTests
{
    [Theory]
    [InlineData("new", "", false)]                    // stays new, team changed (core/update)
    [InlineData("escalated_tto", "", false)]
    [InlineData("waiting_for_approval", "", false)]
    [InlineData("approved", "", false)]
    [InlineData("assigned", "ev_reassign", true)]     // assigned needs team and agent; ev_reassign must change the agent
    [InlineData("escalated_ttr", "ev_reassign", true)]
    [InlineData("pending", "ev_assign", true)]        // the console only offers ev_assign from pending
    public void Each_open_state_has_the_change_the_console_accepts(string status, string stimulus, bool needsAgent)
    {
        var step = LifecycleSteps.TeamChange(BuiltInProfiles.Stock, status);

        Assert.NotNull(step);
        Assert.Equal(stimulus, step.Definition.Stimulus);
        Assert.Equal(stimulus.Length == 0, LifecycleSteps.IsUpdateOnly(step));
        Assert.Equal(needsAgent, LifecycleSteps.NeedsAgent(step));
    }

    [Theory]
    [InlineData("resolved")]
    [InlineData("closed")]
    [InlineData("rejected")]
    public void Finished_tickets_are_not_moved(string status) =>
        Assert.Null(LifecycleSteps.TeamChange(BuiltInProfiles.Stock, status));
}
