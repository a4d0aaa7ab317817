using ActorOrders.ParticipantsHost.Settings;
using Microsoft.Extensions.Configuration;

namespace ActorOrders.ParticipantsHost.Tests;

/// <summary>Invalid configuration and network listeners stop the participants host at start-up, naming the key.</summary>
public sealed class HostSettingsTests
{
    [Theory]
    [InlineData("ActorOrders:Cluster:Port", "70000", "ActorOrders:Cluster:Port must be between 0 and 65535")]
    [InlineData("ActorOrders:Cluster:Port", "many", "ActorOrders:Cluster:Port")]
    [InlineData("ActorOrders:Cluster:SeedNodes:0", "127.0.0.1:4053", "ActorOrders:Cluster:SeedNodes:0 must look like akka.tcp://ActorOrders@host:port")]
    [InlineData("ActorOrders:Cluster:Hostname", " ", "ActorOrders:Cluster:Hostname is required")]
    [InlineData("ActorOrders:Cluster:SystemName", "Actor Orders", "ActorOrders:Cluster:SystemName")]
    [InlineData("ActorOrders:Cluster:ShutdownTimeout", "00:00:01", "ActorOrders:Cluster:ShutdownTimeout must be at least 5 seconds")]
    [InlineData("ActorOrders:Participants:MinLatency", "-00:00:01", "ActorOrders:Participants:MinLatency must not be negative")]
    [InlineData("ActorOrders:Participants:FailureRate", "1.5", "ActorOrders:Participants:FailureRate")]
    [InlineData("ActorOrders:Participants:MaxLatency", "soon", "ActorOrders:Participants:MaxLatency")]
    [InlineData("ActorOrders:Http:AskTimeout", "00:00:00", "ActorOrders:Http:AskTimeout must be positive")]
    public void A_bad_setting_fails_start_up_naming_the_key(string key, string value, string expected)
    {
        var error = Should.Throw<InvalidHostSettingsException>(() => Build(new() { [key] = value }));

        error.Message.ShouldContain(expected);
    }

    [Theory]
    [InlineData("Pigeon", "ActorOrders:Participants:Transport must be Cluster or Kafka (was 'Pigeon')")]
    [InlineData("Kafka", "ActorOrders:Kafka:BootstrapServers is required when Participants:Transport is Kafka")]
    public void The_Kafka_transport_needs_its_brokers(string transport, string expected)
    {
        var error = Should.Throw<InvalidHostSettingsException>(() => Build(new() { ["ActorOrders:Participants:Transport"] = transport }));

        error.Message.ShouldContain(expected);
    }

    [Fact]
    public void The_brokers_may_come_from_a_nodes_bootstrap_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "127.0.0.1:39001,127.0.0.1:39002\n");
            var settings = HostSettingsLoader.Load(Config(new() { ["ActorOrders:Participants:Transport"] = "Kafka", ["ActorOrders:Kafka:BootstrapFile"] = file }));
            settings.Kafka.EffectiveBootstrapServers().ShouldBe("127.0.0.1:39001,127.0.0.1:39002");

            var missing = Should.Throw<InvalidHostSettingsException>(() => Build(new() { ["ActorOrders:Participants:Transport"] = "Kafka", ["ActorOrders:Kafka:BootstrapFile"] = file + ".missing" }));
            missing.Message.ShouldContain("does not exist or is empty");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void MaxLatency_below_MinLatency_is_refused()
    {
        var error = Should.Throw<InvalidHostSettingsException>(() => Build(new()
        {
            ["ActorOrders:Participants:MinLatency"] = "00:00:01",
            ["ActorOrders:Participants:MaxLatency"] = "00:00:00.500",
        }));

        error.Message.ShouldContain("ActorOrders:Participants:MaxLatency must be at least MinLatency");
    }

    [Theory]
    [InlineData("http://0.0.0.0:5070")]
    [InlineData("http://*:5070")]
    [InlineData("http://+:5070")]
    [InlineData("http://[::]:5070")]
    [InlineData("http://192.0.2.10:5070")]
    [InlineData("http://participants.example:5070")]
    [InlineData("http://127.0.0.1:5070;http://0.0.0.0:5071")]
    public void A_listener_off_loopback_is_refused_because_there_is_no_authentication(string urls)
    {
        var error = Should.Throw<InvalidHostSettingsException>(() => Build(new() { ["urls"] = urls }));

        error.Message.ShouldContain("Urls must listen on a loopback address only");
        error.Message.ShouldContain("no authentication");
    }

    [Fact]
    public void The_command_line_urls_are_checked_like_any_other()
    {
        var error = Should.Throw<InvalidHostSettingsException>(() => Program.Build(["--urls", "http://0.0.0.0:5070"]));

        error.Message.ShouldContain("Urls must listen on a loopback address only");
        error.Message.ShouldContain("was 'http://0.0.0.0:5070'");
    }

    [Fact]
    public void A_Kestrel_endpoint_off_loopback_is_refused_naming_it()
    {
        var error = Should.Throw<InvalidHostSettingsException>(() => Build(new() { ["Kestrel:Endpoints:Public:Url"] = "http://0.0.0.0:5071" }));

        error.Message.ShouldContain("Kestrel:Endpoints:Public:Url must listen on a loopback address only");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5070")]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://localhost:5070")]
    [InlineData("http://[::1]:5070")]
    [InlineData("https://127.0.0.2:5071;http://localhost:5070")]
    public void Loopback_listeners_are_accepted(string urls)
    {
        Should.NotThrow(() => Build(new() { ["urls"] = urls }));
    }

    [Fact]
    public void The_defaults_join_a_node_on_its_defaults_from_any_free_port_and_serve_on_5070()
    {
        var settings = HostSettingsLoader.Load(new ConfigurationBuilder().Build());

        settings.Cluster.Hostname.ShouldBe("127.0.0.1");
        settings.Cluster.Port.ShouldBe(0);
        settings.Cluster.EffectiveSeedNodes.ShouldBe(["akka.tcp://ActorOrders@127.0.0.1:4053"]);
        settings.Participants.MinLatency.ShouldBe(TimeSpan.FromMilliseconds(5));
        settings.Participants.MaxLatency.ShouldBe(TimeSpan.FromMilliseconds(25));
        settings.Participants.FailureRate.ShouldBe(0);
        HostSettings.DefaultUrl.ShouldBe("http://127.0.0.1:5070");
    }

    [Fact]
    public void Configured_seeds_replace_the_default_one()
    {
        var settings = HostSettingsLoader.Load(Config(new() { ["ActorOrders:Cluster:SeedNodes:0"] = "akka.tcp://ActorOrders@10.0.0.5:4053" }));

        settings.Cluster.EffectiveSeedNodes.ShouldBe(["akka.tcp://ActorOrders@10.0.0.5:4053"]);
    }

    /// <summary>Builds the host as Program does (nothing starts: validation happens before the actor system exists).</summary>
    [Theory]
    [InlineData("ActorOrders:Cluster:Hostname", "0.0.0.0", "0.0.0.0")]
    [InlineData("ActorOrders:Cluster:PublicHostname", "participants.example", "participants.example")]
    public void A_cluster_member_with_plaintext_remoting_off_loopback_is_refused_naming_the_allowance(string key, string value, string named)
    {
        var error = Should.Throw<InvalidHostSettingsException>(() => Build(new() { [key] = value }));

        error.Message.ShouldContain($"ActorOrders:Cluster:AllowPlaintextRemoting must be true to run remoting without TLS on {named}");
    }

    [Fact]
    public void Plaintext_remoting_off_loopback_starts_when_allowed_and_over_Kafka_where_the_actor_system_is_local()
    {
        Should.NotThrow(() => Build(new() { ["ActorOrders:Cluster:Hostname"] = "0.0.0.0", ["ActorOrders:Cluster:AllowPlaintextRemoting"] = "true" }));
        Should.NotThrow(() => HostSettingsLoader.Load(Config(new()
        {
            ["ActorOrders:Cluster:Hostname"] = "0.0.0.0",
            ["ActorOrders:Participants:Transport"] = "Kafka",
            ["ActorOrders:Kafka:BootstrapServers"] = "127.0.0.1:9092",
        })));
    }

    [Theory]
    [InlineData("CertificatePath", "ActorOrders:Cluster:Tls:CertificatePath names no file")]
    [InlineData("CaPath", "ActorOrders:Cluster:Tls:CaPath names no file")]
    public void Remoting_TLS_with_a_missing_file_is_refused_naming_the_key(string key, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("actororders-host-tls-");
        try
        {
            // A self-signed certificate stands in for the mounted secret; the key under test names a file that is not there.
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=participants", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
            var crt = Path.Combine(folder.FullName, "tls.crt");
            var keyFile = Path.Combine(folder.FullName, "tls.key");
            File.WriteAllText(crt, certificate.ExportCertificatePem());
            File.WriteAllText(keyFile, rsa.ExportPkcs8PrivateKeyPem());
            var values = new Dictionary<string, string?>
            {
                ["ActorOrders:Cluster:Hostname"] = "0.0.0.0",
                ["ActorOrders:Cluster:Tls:Enabled"] = "true",
                ["ActorOrders:Cluster:Tls:CertificatePath"] = crt,
                ["ActorOrders:Cluster:Tls:KeyPath"] = keyFile,
                ["ActorOrders:Cluster:Tls:CaPath"] = crt,
            };
            Should.NotThrow(() => HostSettingsLoader.Load(Config(values)));

            values[$"ActorOrders:Cluster:Tls:{key}"] = Path.Combine(folder.FullName, "missing.pem");
            var error = Should.Throw<InvalidHostSettingsException>(() => HostSettingsLoader.Load(Config(values)));
            error.Message.ShouldContain(expected);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Build(Dictionary<string, string?> settings)
    {
        using var app = Program.Build([], b => b.Configuration.AddInMemoryCollection(settings));
    }

    private static IConfiguration Config(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
