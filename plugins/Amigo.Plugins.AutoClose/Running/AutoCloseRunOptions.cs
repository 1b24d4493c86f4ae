namespace Amigo.Plugins.AutoClose.Running;

/// <summary>How one auto-close run is made.</summary>
/// <param name="DryRun">Decide and report; write nothing to iTop.</param>
/// <param name="RunId">The <c>job_runs</c> id, when the run has one.</param>
/// <param name="Progress">Progress sink, when any.</param>
public sealed record AutoCloseRunOptions(bool DryRun, long? RunId = null, IProgress<JobProgress>? Progress = null);
