using System.Security.Cryptography;
using System.Text;
using ActorOrders.Contracts.Admin;
using ActorOrders.Node.Settings;

namespace ActorOrders.Node.Admin;

/// <summary>
/// Who may use the admin API, and who they are. With ActorOrders:Admin:Token set, every request
/// must carry <c>Authorization: Bearer {token}</c> (401 otherwise) and acts as
/// ActorOrders:Admin:TokenIdentity. Without a token (only allowed on a loopback listener) anyone who
/// can reach the port may, and acts as the user the console reports in X-ActorOrders-User.
/// </summary>
internal sealed class AdminAuthentication(RequestDelegate next, AdminContext context)
{
    private readonly AdminSettings _settings = context.Settings.Admin;

    public async Task InvokeAsync(HttpContext http)
    {
        if (string.IsNullOrEmpty(_settings.Token))
        {
            AdminContext.Identify(http, Reported(http) ?? "unknown");
            await next(http);
            return;
        }

        if (!Presented(http, _settings.Token))
        {
            http.Response.Headers.WWWAuthenticate = AdminProtocol.AuthorizationScheme;
            await AdminResults.Problem(StatusCodes.Status401Unauthorized, "unauthorized",
                "This node's admin API requires its token (ActorOrders:Admin:Token): pass --token or set ACTORORDERS_ADMIN_TOKEN.").ExecuteAsync(http);
            return;
        }

        AdminContext.Identify(http, _settings.TokenIdentity);
        await next(http);
    }

    private static string? Reported(HttpContext http)
    {
        var user = http.Request.Headers[AdminProtocol.UserHeader].ToString().Trim();
        // Recorded in events and logs: keep it short and printable.
        return user.Length is > 0 and <= 128 && !user.Any(char.IsControl) ? user : null;
    }

    private static bool Presented(HttpContext http, string token)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var prefix = AdminProtocol.AuthorizationScheme + " ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) return false;
        // Constant time, so the answer's timing does not tell how much of a guess was right.
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[prefix.Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
