namespace Amigo.Plugins.CatalogueSearch.Tests;

public sealed class IncrementalRefreshTests
{
    private readonly InMemoryCatalogueSource _source = InMemoryCatalogueSource.Normandie();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
    private readonly CatalogueIndexStore _store;
    private readonly CatalogueSearchProfile _profile = TestAcademies.DefaultProfile;

    public IncrementalRefreshTests() => _store = new CatalogueIndexStore(_source, _time, NullLogger<CatalogueIndexStore>.Instance);

    [Fact]
    public async Task The_first_refresh_analyses_everything()
    {
        var report = await _store.RefreshAsync("normandie", _profile, CancellationToken.None);
        Assert.Equal(NormandieCatalogue.Rows.Count, report.Entries);
        Assert.Equal(NormandieCatalogue.Rows.Count, report.Reanalyzed);
        Assert.True(report.IndexRebuilt);
    }

    [Fact]
    public async Task Only_changed_and_new_rows_are_loaded_again()
    {
        await _store.RefreshAsync("normandie", _profile, CancellationToken.None);
        var later = _time.GetUtcNow();
        _source.Rows[1004] = _source.Rows[1004] with { SubcategoryName = "Messagerie inaccessible", SyncedAt = later };
        _source.Rows[2000] = _source.Rows[1003] with { SubcategoryId = 2000, SubcategoryName = "Quota et espace de stockage", SyncedAt = later };
        _source.Rows.Remove(1007);

        var report = await _store.RefreshAsync("normandie", _profile, CancellationToken.None);

        Assert.Equal([1004L, 2000L], _source.LastLoadedIds.Order());
        Assert.Equal(2, report.Reanalyzed);
        Assert.Equal(1, report.Removed);
        Assert.Equal(NormandieCatalogue.Rows.Count - 2, report.Reused);
        var catalogue = _store.Peek("normandie")!;
        Assert.Equal(2000, TestAcademies.Search(catalogue, "quota", NormandieCatalogue.RectoratCode).Items[0].ServiceSubcategoryId);
        Assert.Equal(1004, TestAcademies.Search(catalogue, "inaccessible", NormandieCatalogue.RectoratCode).Items[0].ServiceSubcategoryId);
        Assert.Equal(-1, catalogue.Index.DocOf(1007));
    }

    [Fact]
    public async Task An_unchanged_catalogue_keeps_its_index()
    {
        await _store.RefreshAsync("normandie", _profile, CancellationToken.None);
        var before = _store.Peek("normandie")!.Index;
        var report = await _store.RefreshAsync("normandie", _profile, CancellationToken.None);
        Assert.False(report.IndexRebuilt);
        Assert.False(report.ScopeReloaded);
        Assert.Same(before, _store.Peek("normandie")!.Index);
    }

    [Fact]
    public async Task New_offers_reload_the_scope_not_the_index()
    {
        await _store.RefreshAsync("normandie", _profile, CancellationToken.None);
        Assert.Empty(TestAcademies.Search(_store.Peek("normandie")!, "pronote", NormandieCatalogue.RectoratCode).Items);

        _source.Offers.Add(new ServiceOffer(NormandieCatalogue.RectoratOrg, 122));
        var report = await _store.RefreshAsync("normandie", _profile, CancellationToken.None);

        Assert.True(report.ScopeReloaded);
        Assert.False(report.IndexRebuilt);
        Assert.NotEmpty(TestAcademies.Search(_store.Peek("normandie")!, "pronote", NormandieCatalogue.RectoratCode).Items);
    }

    [Fact]
    public async Task Usage_is_reloaded_on_every_refresh()
    {
        await _store.RefreshAsync("normandie", _profile, CancellationToken.None);
        _source.Usage[1001] = 10_000;
        await _store.RefreshAsync("normandie", _profile, CancellationToken.None);
        Assert.Equal(1001, TestAcademies.Search(_store.Peek("normandie")!, "webmail", NormandieCatalogue.RectoratCode).Items[0].ServiceSubcategoryId);
    }

    [Fact]
    public async Task Searches_refresh_in_the_background_once_the_interval_has_passed()
    {
        var first = await _store.GetAsync("normandie", _profile, CancellationToken.None);
        _source.Rows[1004] = _source.Rows[1004] with { SubcategoryName = "Messagerie inaccessible", SyncedAt = _time.GetUtcNow() };

        Assert.Same(first, await _store.GetAsync("normandie", _profile, CancellationToken.None));

        _time.Advance(_profile.Settings.RefreshInterval);
        await _store.GetAsync("normandie", _profile, CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (ReferenceEquals(_store.Peek("normandie"), first) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.NotSame(first, _store.Peek("normandie"));
        Assert.Equal(1004, _store.Peek("normandie")!.Index.RowOf(_store.Peek("normandie")!.Index.DocOf(1004)).SubcategoryId);
        Assert.Equal("Messagerie inaccessible", _store.Peek("normandie")!.Index.RowOf(_store.Peek("normandie")!.Index.DocOf(1004)).SubcategoryName);
    }
}
