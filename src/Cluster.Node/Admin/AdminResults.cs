using ActorOrders.Contracts.Admin;

namespace ActorOrders.Node.Admin;

/// <summary>The admin API's error answers: <see cref="AdminProblem"/> as application/problem+json.</summary>
internal static class AdminResults
{
    public static IResult Problem(int status, string code, string detail) =>
        Results.Json(new AdminProblem(Title(status), status, detail, code), statusCode: status, contentType: "application/problem+json");

    public static IResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, "bad-request", detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not-found", detail);

    public static IResult Unavailable(string detail) => Problem(StatusCodes.Status503ServiceUnavailable, "unavailable", detail);

    private static string Title(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        404 => "Not found",
        409 => "Refused",
        501 => "Not configured",
        503 => "Unavailable",
        _ => "Error",
    };
}

/// <summary>Optional JSON bodies: none, or an empty one, is null; a malformed one is an error the caller answers with 400.</summary>
internal static class AdminBodies
{
    public static async Task<(T? Body, IResult? Error)> ReadAsync<T>(HttpContext http) where T : class
    {
        if (http.Request.ContentLength is 0 || (http.Request.ContentLength is null && !http.Request.Headers.ContainsKey("Transfer-Encoding"))) return (null, null);
        try
        {
            return (await http.Request.ReadFromJsonAsync<T>(http.RequestAborted), null);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException)
        {
            return (null, AdminResults.BadRequest($"The body must be a JSON object like {{\"address\": \"...\"}} or {{\"reason\": \"...\"}}: {ex.Message}"));
        }
    }
}
