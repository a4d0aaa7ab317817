using System.Net;
using ActorOrders.Node.Tests.Support;

namespace ActorOrders.Node.Tests;

/// <summary>A bad filter, limit or cursor of GET /orders is a 400 problem naming the parameter.</summary>
public sealed class ListingValidationTests(SqliteNodeFixture fixture) : IClassFixture<SqliteNodeFixture>
{
    [Theory]
    [InlineData("status=Shipped", "status")]
    [InlineData("status=Completed,,", "status")]
    [InlineData("status=5", "status")]
    [InlineData("status=completed", "status")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=501", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("updatedBefore=yesterday", "updatedBefore")]
    [InlineData("customerId=", "customerId")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=djI6MTox", "cursor")]
    [InlineData("limit=5&limit=6", "limit")]
    [InlineData("stauts=Completed", "stauts")]
    public async Task A_bad_parameter_is_a_400_problem_naming_it(string query, string parameter)
    {
        using var response = await fixture.Http.GetAsync($"/orders?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, query);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").TryGetProperty(parameter, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Without_parameters_the_listing_is_the_newest_fifty_and_a_cursor()
    {
        for (var i = 0; i < 51; i++) await fixture.Http.PlaceNewAsync(OrderApi.Body(OrderApi.NewId("list")));

        var page = await Eventually.Value(
            async () => await (await fixture.Http.GetAsync("/orders")).JsonAsync(),
            p => p.GetProperty("items").GetArrayLength() == 50 && p.GetProperty("next").ValueKind == System.Text.Json.JsonValueKind.String,
            TimeSpan.FromSeconds(30),
            "a full first page with a next cursor (51 orders)");
        page.GetProperty("next").GetString().ShouldNotBeNullOrEmpty();
        var first = page.GetProperty("items")[0];
        foreach (var field in new[] { "orderId", "status", "customerId", "total", "currency", "placedAt", "updatedAt", "currentStep", "attempts", "reason" })
            first.TryGetProperty(field, out _).ShouldBeTrue(field);
    }
}
