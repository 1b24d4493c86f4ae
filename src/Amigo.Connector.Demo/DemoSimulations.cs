namespace Amigo.Connector.Demo;

/// <summary>One simulated iTop per demo academy, seeded with <see cref="DemoDataSet"/>, all on one fixed clock.</summary>
public sealed class DemoSimulations : IDisposable
{
    /// <summary>The simulated "now" of the demo (Europe/Paris wall clock): a Monday morning.</summary>
    public static readonly DateTime StartLocalTime = new(2026, 11, 23, 9, 30, 0, DateTimeKind.Unspecified);

    private DemoSimulations(IReadOnlyList<DemoAcademySimulation> academies) => Academies = academies;

    /// <summary>The academies with their simulation and seed.</summary>
    public IReadOnlyList<DemoAcademySimulation> Academies { get; }

    /// <summary>The demo's clock: the first simulation's (they are moved together by <see cref="Advance"/>).</summary>
    public TimeProvider Clock => Academies[0].Simulation.Clock;

    /// <summary>
    /// Starts and seeds the three simulations at <paramref name="startLocalTime"/> (Europe/Paris wall clock; default
    /// <see cref="StartLocalTime"/>): the seed is dated relative to it, so the demo decides the same on any date.
    /// </summary>
    public static DemoSimulations Start(int seed = 20261123, DateTime? startLocalTime = null)
    {
        var started = new List<DemoAcademySimulation>();
        try
        {
            foreach (var academy in DemoAcademies.All)
            {
                var simulation = ITopSimulation.Start(new ITopSimulationOptions { StartLocalTime = startLocalTime ?? StartLocalTime });
                try
                {
                    started.Add(new DemoAcademySimulation(academy, simulation, DemoDataSet.Seed(simulation, academy, seed)));
                }
                catch
                {
                    simulation.Dispose();
                    throw;
                }
            }
            return new DemoSimulations(started);
        }
        catch
        {
            foreach (var academy in started) academy.Simulation.Dispose();
            throw;
        }
    }

    /// <summary>The simulation of an academy.</summary>
    public DemoAcademySimulation this[string academyId] => Academies.Single(a => a.Academy.Id == academyId);

    /// <summary>Moves every simulation's clock forward (so the next writes get later dates than the last sync saw).</summary>
    public void Advance(TimeSpan delta)
    {
        foreach (var academy in Academies) academy.Simulation.Clock.Advance(delta);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var academy in Academies) academy.Simulation.Dispose();
    }
}

/// <summary>An academy of the demo, its simulated iTop and what was seeded there.</summary>
/// <param name="Academy">The academy.</param>
/// <param name="Simulation">Its simulated iTop.</param>
/// <param name="Seed">The seeded scenarios.</param>
public sealed record DemoAcademySimulation(DemoAcademy Academy, ITopSimulation Simulation, DemoSeedResult Seed);
