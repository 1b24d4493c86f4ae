namespace Amigo.Connector.Host.Check;

/// <summary>
/// Does iTop answer, and do the credentials work? <c>list_operations</c> as the connector's account. Both a wrong
/// password and an account without the <em>REST Services User</em> profile answer code 1; the message tells them apart
/// ("Invalid login" vs "…not authorized to use the web services…REST Services User…", recordings 10–17).
/// <c>core/check_credentials</c> cannot help: iTop only lets an account that already passed the REST login call it.
/// </summary>
internal static class CredentialsProbe
{
    public static async Task<CheckLine> RunAsync(string academy, IITopClient itop, string? user, string url, string configPath, CancellationToken cancellationToken)
    {
        const string name = "iTop answers, credentials work";
        try
        {
            var operations = await itop.ListOperationsAsync(cancellationToken);
            return new CheckLine(academy, name, CheckOutcome.Passed, $"list_operations as '{user}' at {url}: {operations.Count} operations");
        }
        catch (ITopException error) when (error.Code == ITopErrorCodes.Unauthorized && ITopProbe.IsMissingRestProfile(error))
        {
            return new CheckLine(academy, name, CheckOutcome.Failed, $"'{user}' signs in but has no REST access: {error.ITopMessage}",
                $"in iTop, give the account '{user}' the profile \"REST Services User\" (Admin tools > User accounts > Profiles)");
        }
        catch (ITopException error) when (error.Code == ITopErrorCodes.Unauthorized)
        {
            return new CheckLine(academy, name, CheckOutcome.Failed, $"iTop refuses the login '{user}': {error.ITopMessage}",
                $"check {configPath}:ITop:User and its password (PasswordEnvironmentVariable / PasswordFile), and that AuthMode matches iTop's allowed_login_types");
        }
        catch (ITopException error) when (error.Code == ITopErrorCodes.UnsupportedVersion)
        {
            return new CheckLine(academy, name, CheckOutcome.Failed, $"iTop refuses the REST version: {error.ITopMessage}", $"set {configPath}:ITop:Version to 1.4 (or what iTop supports)");
        }
        catch (ITopException error)
        {
            return new CheckLine(academy, name, CheckOutcome.Failed, error.Message, $"check {configPath}:ITop:Url points at iTop's root (…/webservices/rest.php must answer)");
        }
        catch (ITopTransportException error)
        {
            return new CheckLine(academy, name, CheckOutcome.Failed, error.Message,
                $"check {configPath}:ITop:Url ({url}), the network path and the web server; an HTML answer means it is not iTop's REST endpoint or PHP failed");
        }
    }
}
