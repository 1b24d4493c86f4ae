namespace Amigo.Plugins.ArenaSso.Endpoints;

/// <summary>The checks every bridge request passes before anything else: trust first, then the identity.</summary>
public sealed class ArenaRequestGate(IAcademyAccessor academies, ArenaAcademyRuntimes runtimes, ILogger<ArenaRequestGate> logger)
{
    /// <summary>The academy's runtime and the caller's identity, or the error response to send.</summary>
    public GateOutcome Pass(HttpContext context)
    {
        var runtime = runtimes.For(academies.Current);
        if (runtime.Trust.Check(context) is { } distrust)
        {
            // The reason stays in the log: telling an attacker which check failed would help them.
            logger.LogWarning("ARENA bridge of {Academy} refused an untrusted request from {Remote}: {Reason}",
                runtime.Academy.Id, context.Connection.RemoteIpAddress, distrust);
            return new GateOutcome(runtime, null, null, Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized, title: "Untrusted request",
                detail: "Identity headers are accepted only from ARENA's proxy."));
        }
        var read = ArenaIdentityReader.Read(context.Request.Headers, runtime.Settings);
        if (!read.IsValid)
        {
            logger.LogWarning("ARENA bridge of {Academy} refused identity headers: {Problem}", runtime.Academy.Id, read.Problem);
            return new GateOutcome(runtime, null, read, Results.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid ARENA identity", detail: read.Problem));
        }
        return new GateOutcome(runtime, read.Identity, read, null);
    }
}

/// <summary>The result of <see cref="ArenaRequestGate.Pass"/>: <see cref="Error"/> is null when the request may go on.</summary>
public sealed record GateOutcome(ArenaAcademyRuntime Runtime, ArenaIdentity? Identity, ArenaIdentityResult? Read, IResult? Error);
