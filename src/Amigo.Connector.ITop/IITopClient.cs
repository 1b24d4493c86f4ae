namespace Amigo.Connector.ITop;

/// <summary>
/// One iTop instance seen through its REST/JSON API (<c>/webservices/rest.php</c>).
/// Every call is a POST with the operation in <c>json_data</c>; success and failure are told by the
/// JSON <c>code</c>, which this client turns into <see cref="ITopException"/>s.
/// </summary>
public interface IITopClient
{
    /// <summary>Name of the instance (the academy id), used in logs and error messages.</summary>
    string InstanceName { get; }

    /// <summary>The instance's clock: converts iTop's offset-less local times.</summary>
    ITopTimeZone TimeZone { get; }

    /// <summary><c>list_operations</c>: the verbs the instance offers.</summary>
    Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default);

    /// <summary><c>core/check_credentials</c>: whether iTop accepts this login and password.</summary>
    Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default);

    /// <summary><c>core/get</c> of a small answer, fully buffered. Use <see cref="StreamAsync"/> for large reads.</summary>
    Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every object matching <paramref name="request"/> as a stream: the answer is parsed while it
    /// arrives and memory does not grow with the number of objects.
    /// </summary>
    IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads every object matching <paramref name="request"/> as a stream of pages of UTF-8 field values: the form for bulk
    /// consumers, which then make no .NET object per field. The default groups <see cref="StreamAsync"/>'s objects
    /// (for clients that wrap or fake another); <see cref="ITopClient"/> parses the answer straight into pages.
    /// </summary>
    IAsyncEnumerable<ITopAnswerPage> StreamPagesAsync(ITopGetRequest request, CancellationToken cancellationToken = default) =>
        ITopAnswerPage.FromObjectsAsync(StreamAsync(request, cancellationToken), cancellationToken: cancellationToken);

    /// <summary><c>core/create</c>. Never retried blindly: a create whose answer was lost raises <see cref="ITopOutcomeUnknownException"/>.</summary>
    Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default);

    /// <summary><c>core/update</c> of exactly one object.</summary>
    Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default);

    /// <summary><c>core/apply_stimulus</c>. An answer without the object (iTop's silent refusal) raises <see cref="ITopException"/>.</summary>
    Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default);

    /// <summary><c>core/delete</c> (optionally simulated).</summary>
    Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default);

    /// <summary><c>core/get_related</c>.</summary>
    Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default);
}
