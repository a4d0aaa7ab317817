using ActorOrders.Contracts.Admin;
using ActorOrders.Node.Settings;
using Microsoft.Extensions.Configuration;

namespace ActorOrders.Cli.Tests;

/// <summary>The node's ActorOrders:Admin settings, checked at start-up with messages naming the key.</summary>
public sealed class AdminSettingsSpecs
{
    private static NodeSettings Load(params (string Key, string Value)[] values) =>
        SettingsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"ActorOrders:Admin:{v.Key}", v.Value))).Build());

    [Fact]
    public void The_default_listener_is_loopback_9110_without_a_token()
    {
        var admin = Load().Admin;

        (admin.Enabled, admin.Url, admin.Token).ShouldBe((true, "http://127.0.0.1:9110", (string?)null));
        admin.Url.ShouldEndWith(AdminProtocol.DefaultAddress);
    }

    [Theory]
    [InlineData("http://0.0.0.0:9110")]
    [InlineData("http://10.0.0.5:9110")]
    [InlineData("http://[::]:9110")]
    public void A_listener_off_loopback_without_a_token_is_refused_naming_the_token_key(string url) =>
        Should.Throw<InvalidSettingsException>(() => Load(("Url", url))).Message
            .ShouldContain("ActorOrders:Admin:Token is required when ActorOrders:Admin:Url binds a non-loopback address");

    [Fact]
    public void A_listener_off_loopback_with_a_token_starts() =>
        Load(("Url", "http://0.0.0.0:9110"), ("Token", "0123456789abcdef")).Admin.Token.ShouldBe("0123456789abcdef");

    [Fact]
    public void A_short_token_is_refused() =>
        Should.Throw<InvalidSettingsException>(() => Load(("Token", "short"))).Message.ShouldContain("ActorOrders:Admin:Token must be at least 16 characters");

    [Theory]
    [InlineData("127.0.0.1:9110")]
    [InlineData("https://127.0.0.1:9110")]
    [InlineData("http://admin.example:9110")]
    [InlineData("http://localhost:0")]
    [InlineData("http://127.0.0.1:9110/admin")]
    public void A_url_that_is_not_a_listener_is_refused_naming_the_key(string url) =>
        Should.Throw<InvalidSettingsException>(() => Load(("Url", url))).Message.ShouldContain("ActorOrders:Admin:Url must be http://host:port");

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:9110")]
    [InlineData("http://[::1]:9110")]
    public void Loopback_listeners_need_no_token(string url) => Load(("Url", url)).Admin.Url.ShouldBe(url);

    [Theory]
    [InlineData("5m", 300)]
    [InlineData("90s", 90)]
    [InlineData("2h", 7200)]
    [InlineData("1d", 86400)]
    public void Durations_are_a_number_and_a_unit(string text, int seconds)
    {
        Durations.TryParse(text, out var d).ShouldBeTrue();
        d.ShouldBe(TimeSpan.FromSeconds(seconds));
        Durations.Format(d).ShouldBe(text == "90s" ? "90s" : text);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("5w")]
    public void Anything_else_is_not_a_duration(string text) => Durations.TryParse(text, out _).ShouldBeFalse();
}
