namespace Amigo.Connector.Sync.Tests;

public sealed class TicketRowEncoderTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Encoding_tickets_allocates_nothing_once_statuses_and_days_have_been_seen()
    {
        var map = new AcademyFieldMap { EstablishmentUai = "uai" };
        var stage = new TicketStage(TicketColumns.For(map));
        var encoder = new TicketRowEncoder(stage.Columns, BuiltInProfiles.Stock, new ITopTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")));
        var page = ITopAnswerPage.FromObjects(Enumerable.Range(1, 100).Select(Ticket).ToList());
        await using var connection = await postgres.DataSource.OpenConnectionAsync();
        await StagingWriter.EnsureStageAsync(connection, stage.CreateSql, CancellationToken.None);
        await using var copy = await BinaryCopyWriter.BeginAsync(connection, stage.CopySql, CancellationToken.None);

        EncodeAll(); // first rows: statuses, days and the layout are looked up once
        var before = GC.GetAllocatedBytesForCurrentThread();
        EncodeAll();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal("2026-01-01 09:40:00", encoder.LatestLastUpdate);

        void EncodeAll()
        {
            // Under a chunk in all: the buffer is not sent (sending is the writer's I/O, not encoding).
            for (var row = 0; row < page.Count; row++)
            {
                encoder.Encode(page, row, copy);
            }
        }
    }

    private static ITopObject Ticket(int id) => new("UserRequest", id, new Dictionary<string, JToken?>
    {
        ["ref"] = id % 2 == 0 ? "" : $"R-{id:D6}", ["title"] = "Académie \"x\" é / 日本", ["status"] = (id % 3) switch { 0 => "new", 1 => "assigned", _ => "" },
        ["org_id"] = "12", ["team_id"] = "0", ["agent_id"] = new JValue(5L), ["caller_id"] = JValue.CreateNull(), ["priority"] = new JValue(true),
        ["start_date"] = "2025-11-26 02:30:00", // (a day with a DST change is not cached by ITopTimeZone) ["resolution_date"] = "", ["close_date"] = "0000-00-00 00:00:00",
        ["last_update"] = new DateTime(2026, 1, 1, 8, 0, 0).AddMinutes(id).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        ["uai"] = "0311234B",
    });
}
