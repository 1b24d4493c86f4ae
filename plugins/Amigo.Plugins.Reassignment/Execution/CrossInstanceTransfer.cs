namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>
/// Moves a ticket to another academy's iTop: create the request there, then note and close the original.
/// Exactly once: the key is stored in <c>reassign_moves</c> before the create and written into the created request,
/// so a run that died between the two writes finds the request by its key instead of creating it again.
/// </summary>
public sealed class CrossInstanceTransfer(IMoveStore moves, IAuditLog audit, IAcademyRegistry academies, TimeProvider time, ILogger<CrossInstanceTransfer> logger,
    IFaultPoints? faults = null)
{
    private static readonly string[] CreatedFields = ["id", "ref", "team_id"];

    /// <summary>The key of the transfer of a ticket to an academy (stable, so every retry finds the same request).</summary>
    public static string KeyOf(string sourceAcademy, long ticketId, string targetAcademy) =>
        $"amigo-transfer-{sourceAcademy}-{ticketId}-{targetAcademy}".ToLowerInvariant();

    /// <summary>Starts (or continues) the transfer of <paramref name="ticket"/> decided by <paramref name="rule"/>.</summary>
    public async Task StartAsync(MoveContext context, TicketFacts ticket, ReassignmentRule rule, AcademyContext target, TeamRef targetTeam,
        string motive, CancellationToken cancellationToken)
    {
        var key = KeyOf(context.Academy.Id, ticket.Id, target.Id);
        var decision = new ReassignmentDecision
        {
            TicketId = ticket.Id, TicketRef = ticket.Ref, Rule = rule.Name, Action = MoveKinds.Transfer, Outcome = "dry-run",
            FromTeam = ticket.TeamName, ToTeam = targetTeam.Name, TargetAcademy = target.Id,
        };
        var existing = await moves.FindByKeyAsync(key, cancellationToken);
        if (existing is { State: MoveStates.Done })
        {
            context.Report.Add(decision with { Outcome = "skipped", Reason = "already_transferred", TargetRef = existing.TargetRef });
            return;
        }
        if (context.DryRun)
        {
            await audit.RecordAsync(Entry(context, ticket.Id, ticket.Ref, "transfer.create", "dry-run", $"rule '{rule.Name}' → {target.Id} / {targetTeam.Name}", key), cancellationToken);
            context.Report.Add(decision);
            return;
        }

        var row = existing ?? new MoveRecord
        {
            AcademyId = context.Academy.Id, TicketId = ticket.Id, TicketRef = ticket.Ref, RuleName = rule.Name, Kind = MoveKinds.Transfer,
            FromTeamId = ticket.TeamId, FromTeamName = ticket.TeamName, ToTeamId = targetTeam.Id, ToTeamName = targetTeam.Name,
            TargetAcademyId = target.Id, IdempotencyKey = key, State = MoveStates.Pending, Reason = motive,
            JobRunId = context.RunId, MovedAt = time.GetUtcNow(),
        };
        if (existing is null)
        {
            // Recorded before the create: whatever happens next, the next run knows a request may exist in the target.
            row = row with { Id = await moves.AddAsync(row, cancellationToken) };
            await audit.RecordAsync(Entry(context, ticket.Id, ticket.Ref, "transfer.decided", "decided", $"rule '{rule.Name}' → {target.Id} / {targetTeam.Name}", key), cancellationToken);
        }
        else if (existing.State == MoveStates.Failed)
        {
            await moves.UpdateAsync(existing.Id, MoveStates.Pending, null, null, null, cancellationToken);
            row = existing with { State = MoveStates.Pending };
        }
        await CompleteAsync(context, row, target, ticket.EstablishmentUai, cancellationToken);
    }

    /// <summary>Finishes a transfer an earlier run left <c>pending</c> or <c>created</c>.</summary>
    public async Task ResumeAsync(MoveContext context, MoveRecord row, CancellationToken cancellationToken)
    {
        var target = row.TargetAcademyId is { } id ? academies.Find(id) : null;
        if (target is null)
        {
            context.Report.Add(Decision(row, "failed", "unknown_target_academy"));
            return;
        }
        if (context.DryRun)
        {
            context.Report.Add(Decision(row, "dry-run", "resume"));
            return;
        }
        await CompleteAsync(context, row, target, null, cancellationToken);
    }

    /// <summary>The fault point between the create in the target iTop and the close of the original (tests kill the process there).</summary>
    public const string AfterCreateFaultPoint = "reassign.transfer.after-create";

    private async Task CompleteAsync(MoveContext context, MoveRecord row, AcademyContext target, string? establishmentUai, CancellationToken cancellationToken)
    {
        var source = context.Academy;
        var key = row.IdempotencyKey!;
        try
        {
            var original = await ITopTickets.ReadAsync(source, row.TicketId, ITopTickets.TransferFields(source), cancellationToken);
            if (original is null)
            {
                await FailAsync(context, row, "original_gone", $"{row.TicketRef} no longer exists in iTop '{source.Id}'.", cancellationToken);
                return;
            }
            var facts = ITopTickets.ToFacts(source, original, establishmentUai);

            var (createdId, createdRef) = (row.TargetTicketId, row.TargetRef);
            if (createdId is null)
            {
                var created = await FindCreatedAsync(target, key, cancellationToken);
                if (created is not null)
                    await audit.RecordAsync(Entry(context, row.TicketId, row.TicketRef, "transfer.create", "done",
                        $"found {target.Id} {created.GetString("ref")} (UserRequest::{created.Key}) by its key: created by an earlier run", key) with
                    {
                        Before = TeamsBefore(row),
                        After = new { target_academy_id = target.Id, id = created.Key, @ref = created.GetString("ref"), team_id = row.ToTeamId, team_name = row.ToTeamName },
                    }, cancellationToken);
                else
                    created = await CreateAsync(context, row, target, original, facts, cancellationToken);
                if (created is null) return; // CreateAsync recorded why.
                // Between the two iTops' writes: a crash here leaves the move pending, the next run finds the copy by its key.
                (faults ?? EnvironmentFaultPoints.None).Reach(AfterCreateFaultPoint);
                (createdId, createdRef) = (created.Key, created.GetString("ref"));
                await moves.UpdateAsync(row.Id, MoveStates.Created, null, createdId, createdRef, cancellationToken);
            }

            await CloseOriginalAsync(context, row, original, facts, target, createdRef ?? $"#{createdId}", cancellationToken);
            await moves.UpdateAsync(row.Id, MoveStates.Done, null, createdId, createdRef, cancellationToken);
            logger.LogInformation("Transfer {Academy} {Ref} -> {Target} {TargetRef}", source.Id, row.TicketRef, target.Id, createdRef);
            context.Report.Add(Decision(row, "done", null) with { TargetRef = createdRef });
        }
        catch (ITopOutcomeUnknownException error)
        {
            // The create (or close) may have happened: stay pending, the next run searches by key before writing again.
            await audit.RecordAsync(Entry(context, row.TicketId, row.TicketRef, "transfer", "failed", error.Message, key), cancellationToken);
            context.Report.Add(Decision(row, "failed", "outcome_unknown"));
        }
        catch (Exception error) when (error is ITopException or ITopTransportException or ITopFormatException or InvalidOperationException)
        {
            await audit.RecordAsync(Entry(context, row.TicketId, row.TicketRef, "transfer", "failed", error.Message, key)
                with { ITopCode = (error as ITopException)?.Code }, cancellationToken);
            logger.LogWarning(error, "Transfer {Academy} {Ref} interrupted", source.Id, row.TicketRef);
            context.Report.Add(Decision(row, "failed", "itop_error"));
        }
    }

    private static async Task<ITopObject?> FindCreatedAsync(AcademyContext target, string key, CancellationToken cancellationToken)
    {
        var query = Oql.Select(ITopTickets.UserRequest).WhereContains("description", key).Build();
        var found = await target.ITop.GetAsync(new ITopGetRequest(ITopTickets.UserRequest, ITopKey.Query(query), CreatedFields), cancellationToken);
        return found.Objects.OrderBy(candidate => candidate.Key).FirstOrDefault();
    }

    private async Task<ITopObject?> CreateAsync(MoveContext context, MoveRecord row, AcademyContext target, ITopObject original, TicketFacts facts, CancellationToken cancellationToken)
    {
        var source = context.Academy;
        var key = row.IdempotencyKey!;
        var callerEmail = facts.CallerId is { } callerId ? await EmailOfAsync(source.ITop, callerId, cancellationToken) : null;
        var caller = (callerEmail is null ? null : await PersonByEmailAsync(target.ITop, callerEmail, cancellationToken))
                     ?? (context.Settings.TransferFallbackCallerEmail is { Length: > 0 } fallback ? await PersonByEmailAsync(target.ITop, fallback, cancellationToken) : null);
        if (caller is null)
        {
            await FailAsync(context, row, "caller_not_found",
                $"No person with email '{callerEmail ?? "(none)"}' in iTop '{target.Id}' and no usable TransferFallbackCallerEmail.", cancellationToken);
            return null;
        }
        var organization = await EstablishmentOrganizationAsync(target.ITop, facts.EstablishmentUai, cancellationToken) ?? caller.GetExternalKey("org_id");
        if (organization is null)
        {
            await FailAsync(context, row, "organization_not_found", $"Neither the establishment nor the caller has an organization in iTop '{target.Id}'.", cancellationToken);
            return null;
        }

        var sourceName = FrenchNotes.AcademyName(source.Id, source.DisplayName);
        var description = FrenchNotes.TransferDescription(row.TicketRef, sourceName, row.Reason ?? "", key, original.GetString("description"),
            original.GetCaseLog("public_log"), original.GetCaseLog("private_log"));
        var fields = new ITopFields()
            .Set("title", facts.Title.Length > 0 ? facts.Title : row.TicketRef)
            .Set("description", description)
            .SetKey("caller_id", ITopKey.Id(caller.Key))
            .SetKey("org_id", ITopKey.Id(organization.Value))
            .AppendToLog("private_log", FrenchNotes.CreatedNote(row.TicketRef, sourceName, row.RuleName, key));
        if (row.ToTeamId is { } teamId) fields.SetKey("team_id", ITopKey.Id(teamId));

        var created = await target.ITop.CreateAsync(new ITopWrite(ITopTickets.UserRequest, null, fields,
            $"Amigo reassign: transfer of {row.TicketRef} from {source.Id} (key {key})", CreatedFields), cancellationToken);
        await audit.RecordAsync(Entry(context, row.TicketId, row.TicketRef, "transfer.create", "done",
            $"created {target.Id} {created.GetString("ref")} (UserRequest::{created.Key})", key) with
        {
            Before = TeamsBefore(row),
            After = new { target_academy_id = target.Id, id = created.Key, @ref = created.GetString("ref"), team_id = row.ToTeamId, team_name = row.ToTeamName },
            ITopCode = 0,
        }, cancellationToken);
        return created;
    }

    private async Task CloseOriginalAsync(MoveContext context, MoveRecord row, ITopObject original, TicketFacts facts, AcademyContext target, string createdRef, CancellationToken cancellationToken)
    {
        var source = context.Academy;
        var profile = source.Lifecycle;
        var status = facts.Status;
        if (profile.GroupOf(status) == StatusGroup.Closed) return;

        var targetName = FrenchNotes.AcademyName(target.Id, target.DisplayName);
        var key = row.IdempotencyKey!;
        // A resumed run must not repeat the note: the key in the agent journal says it is there already.
        var noteWritten = original.GetCaseLog("private_log").Any(entry => entry.Message.Contains(key, StringComparison.Ordinal));
        var known = new Dictionary<string, object?>
        {
            ["team_id"] = facts.TeamId,
            ["agent_id"] = facts.AgentId,
            ["solution"] = FrenchNotes.TransferSolution(targetName, createdRef),
            ["resolution_code"] = "other",
        };
        var comment = $"Amigo reassign: transferred to {target.Id} as {createdRef} (key {key})";

        // Cancel when the profile has it; stock iTop has none, so resolve (after a dispatch from 'new') then close.
        for (var guard = 0; guard < 4 && profile.GroupOf(status) != StatusGroup.Closed; guard++)
        {
            var step = LifecycleSteps.Valid(profile, LogicalAction.Cancel, status)
                       ?? LifecycleSteps.Valid(profile, LogicalAction.Close, status)
                       ?? LifecycleSteps.Valid(profile, LogicalAction.Resolve, status)
                       ?? ClosingTeamChange(profile, status)
                       ?? throw new InvalidOperationException(
                           $"Lifecycle profile '{profile.Name}' offers no Cancel, Close, Resolve or Dispatch from status '{status}' of {row.TicketRef}.");
            var fields = new ITopFields();
            if (!noteWritten)
            {
                fields.AppendToLog("private_log", FrenchNotes.TransferNote(row.FromTeamName, targetName, createdRef, row.ToTeamName ?? "", row.RuleName, row.Reason ?? "", key));
                fields.AppendToLog("public_log", FrenchNotes.TransferPublicNote(targetName, createdRef));
            }
            LifecycleSteps.FillRequired(step, fields, known);
            var answer = await source.ITop.ApplyStimulusAsync(new ITopStimulus(ITopTickets.UserRequest, ITopKey.Id(row.TicketId),
                step.Definition.Stimulus, fields, comment, ["id", "ref", "status"]), cancellationToken);
            noteWritten = true;
            status = answer.GetString("status") ?? status;
            await audit.RecordAsync(Entry(context, row.TicketId, row.TicketRef, "transfer.close", "done", $"{step.Definition.Stimulus} → {status}", key) with { ITopCode = 0 },
                cancellationToken);
            if (step.Action == LogicalAction.Cancel) return;
        }
        if (profile.GroupOf(status) != StatusGroup.Closed)
            throw new InvalidOperationException($"{row.TicketRef} did not reach a closed status (now '{status}').");
    }

    private static async Task<string?> EmailOfAsync(IITopClient itop, long personId, CancellationToken cancellationToken)
    {
        var result = await itop.GetAsync(new ITopGetRequest("Person", ITopKey.Id(personId), ["id", "email"]), cancellationToken);
        return result.Objects.FirstOrDefault()?.GetString("email") is { Length: > 0 } email ? email : null;
    }

    private static async Task<ITopObject?> PersonByEmailAsync(IITopClient itop, string email, CancellationToken cancellationToken)
    {
        var query = Oql.Select("Person").Where("email", "=", email.Trim()).Build();
        var result = await itop.GetAsync(new ITopGetRequest("Person", ITopKey.Query(query), ["id", "email", "org_id"]), cancellationToken);
        return result.Objects.Count >= 1 ? result.Objects.OrderBy(person => person.Key).First() : null;
    }

    private static async Task<long?> EstablishmentOrganizationAsync(IITopClient itop, string? uai, CancellationToken cancellationToken)
    {
        if (UaiCode.Parse(uai).Unchecked is not { } code) return null;
        var query = Oql.Select("Organization").Where("code", "=", code.Value).Build();
        var result = await itop.GetAsync(new ITopGetRequest("Organization", ITopKey.Query(query), ["id"]), cancellationToken);
        return result.Objects.Count == 1 ? result.Objects[0].Key : null;
    }

    private async Task FailAsync(MoveContext context, MoveRecord row, string reason, string detail, CancellationToken cancellationToken)
    {
        await moves.UpdateAsync(row.Id, MoveStates.Failed, $"{reason}: {detail}", null, null, cancellationToken);
        await audit.RecordAsync(Entry(context, row.TicketId, row.TicketRef, "transfer", "failed", $"{reason}: {detail}", row.IdempotencyKey), cancellationToken);
        context.Report.Add(Decision(row, "failed", reason));
    }

    private static ReassignmentDecision Decision(MoveRecord row, string outcome, string? reason) => new()
    {
        TicketId = row.TicketId, TicketRef = row.TicketRef, Rule = row.RuleName, Action = MoveKinds.Transfer, Outcome = outcome, Reason = reason,
        FromTeam = row.FromTeamName, ToTeam = row.ToTeamName, TargetAcademy = row.TargetAcademyId, TargetRef = row.TargetRef,
    };

    // The reporting plugin's moves report reads team_id/team_name (before and after) and target_academy_id from these rows.
    private static object TeamsBefore(MoveRecord row) => new { team_id = row.FromTeamId, team_name = row.FromTeamName };

    private static AuditEntry Entry(MoveContext context, long ticketId, string ticketRef, string action, string outcome, string reason, string? key) =>
        new(context.Academy.Id, MoveContext.Actor, action, ITopTickets.UserRequest, ticketId, ticketRef, outcome, reason)
        {
            IdempotencyKey = key, JobRunId = context.RunId,
        };

    // On the way to a closed state a team change must move the ticket on: where the profile's team change keeps the
    // state (stock 'new': core/update of the team only), the assignment stimulus is taken instead.
    private static LifecycleStep? ClosingTeamChange(LifecycleProfile profile, string status) =>
        LifecycleSteps.TeamChange(profile, status) is { } change && LifecycleSteps.IsUpdateOnly(change)
            ? LifecycleSteps.Valid(profile, LogicalAction.Assign, status)
            : LifecycleSteps.TeamChange(profile, status);
}
