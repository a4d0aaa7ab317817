namespace ActorOrders.Floor;

/// <summary>
/// Pre-encoded JSON answers. Nothing is serialized or parsed per request: the floor must cost
/// only what Kestrel, routing and writing the bytes cost.
/// </summary>
internal sealed class FixedJson(int statusCode, byte[] body) : IResult
{
    private const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// The node's own GET /orders/{id} answer for a completed two-line order of LoadGen's mix,
    /// captured byte for byte, so the floor writes a body of the same size and shape.
    /// </summary>
    public static readonly FixedJson OrderView = new(StatusCodes.Status200OK,
        """{"orderId":"lg-000123","status":"Completed","customerId":"customer-417","currency":"USD","total":39.98,"lines":[{"sku":"SKU-17","quantity":2,"unitPrice":9.99,"amount":19.98},{"sku":"SKU-3","quantity":1,"unitPrice":20.00,"amount":20.00}],"shippingAddress":{"line1":"1 Main St","city":"Springfield","postalCode":"12345","country":"US"},"paymentReference":"pay-lg-000123","reservationReference":"res-lg-000123","trackingReference":"trk-lg-000123","pendingCompensations":[],"reason":null,"placedAt":"2026-12-01T21:37:04.0694025+00:00","updatedAt":"2026-12-01T21:37:04.2524705+00:00","version":5}"""u8.ToArray());

    /// <summary>
    /// POST /orders: 201 and already terminal, so LoadGen's http mode sees every order finished on
    /// its first GET. The request body is not read (Kestrel drains it); the id is not echoed because
    /// LoadGen does not read it.
    /// </summary>
    public static readonly FixedJson Placed = new(StatusCodes.Status201Created,
        """{"orderId":"floor","status":"Completed"}"""u8.ToArray());

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
