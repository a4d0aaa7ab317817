using ActorOrders.Membership;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Wiring;
using Microsoft.Extensions.Configuration;

namespace ActorOrders.Node.Tests;

/// <summary>Remoting TLS from mounted PEM files: what the node accepts at start-up and which peers it lets in.</summary>
public sealed class RemotingTlsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("actororders-tls-");

    [Fact]
    public void A_node_off_loopback_with_a_certificate_and_the_clusters_CA_starts_without_the_plaintext_allowance()
    {
        using var ca = Authority("ActorOrders test CA");
        var tls = Write("node", Issue(ca, "node-0"), ca);

        var settings = SettingsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ActorOrders:Cluster:Hostname"] = "0.0.0.0",
            ["ActorOrders:Cluster:PublicHostname"] = "node-0.nodes",
            ["ActorOrders:Cluster:Tls:Enabled"] = "true",
            ["ActorOrders:Cluster:Tls:CertificatePath"] = tls.CertificatePath,
            ["ActorOrders:Cluster:Tls:KeyPath"] = tls.KeyPath,
            ["ActorOrders:Cluster:Tls:CaPath"] = tls.CaPath,
        }).Build());

        settings.Cluster.AllowPlaintextRemoting.ShouldBeFalse();
        using var certificate = RemotingTls.LoadCertificate(settings.Cluster.Tls);
        certificate.HasPrivateKey.ShouldBeTrue();
    }

    [Fact]
    public void A_peer_is_accepted_only_when_its_certificate_chains_to_the_clusters_CA()
    {
        using var ca = Authority("ActorOrders test CA");
        using var other = Authority("Some other CA");
        using var member = Issue(ca, "node-1");
        using var stranger = Issue(other, "node-1");
        var authorities = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(ca.Export(X509ContentType.Cert)) };

        RemotingTls.ChainsTo(authorities, member, "node-1:4053", SslPolicyErrors.None, validateHostname: false, log: null).ShouldBeTrue();
        RemotingTls.ChainsTo(authorities, stranger, "node-1:4053", SslPolicyErrors.None, validateHostname: false, log: null).ShouldBeFalse();
        RemotingTls.ChainsTo(authorities, null, "node-1:4053", SslPolicyErrors.RemoteCertificateNotAvailable, validateHostname: false, log: null).ShouldBeFalse();
        RemotingTls.ChainsTo(authorities, member, "node-1:4053", SslPolicyErrors.RemoteCertificateNameMismatch, validateHostname: true, log: null).ShouldBeFalse();
    }

    [Theory]
    [InlineData("CertificatePath", "ActorOrders:Cluster:Tls:CertificatePath names no file")]
    [InlineData("KeyPath", "ActorOrders:Cluster:Tls:KeyPath names no file")]
    [InlineData("CaPath", "ActorOrders:Cluster:Tls:CaPath names no file")]
    public void A_missing_file_fails_start_up_naming_its_key(string key, string expected)
    {
        using var ca = Authority("ActorOrders test CA");
        var tls = Write("node", Issue(ca, "node-0"), ca);
        var values = new Dictionary<string, string?>
        {
            ["ActorOrders:Cluster:Tls:Enabled"] = "true",
            ["ActorOrders:Cluster:Tls:CertificatePath"] = tls.CertificatePath,
            ["ActorOrders:Cluster:Tls:KeyPath"] = tls.KeyPath,
            ["ActorOrders:Cluster:Tls:CaPath"] = tls.CaPath,
        };
        values[$"ActorOrders:Cluster:Tls:{key}"] = Path.Combine(_folder.FullName, "missing.pem");

        var error = Should.Throw<InvalidSettingsException>(() => SettingsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build()));
        error.Message.ShouldContain(expected);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 authority, string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var issued = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(12), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }

    private RemotingTlsSettings Write(string name, X509Certificate2 certificate, X509Certificate2 authority)
    {
        var tls = new RemotingTlsSettings
        {
            Enabled = true,
            CertificatePath = Path.Combine(_folder.FullName, $"{name}.crt"),
            KeyPath = Path.Combine(_folder.FullName, $"{name}.key"),
            CaPath = Path.Combine(_folder.FullName, "ca.crt"),
        };
        File.WriteAllText(tls.CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(tls.KeyPath, certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(tls.CaPath, authority.ExportCertificatePem());
        certificate.Dispose();
        return tls;
    }
}
