using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Akka.Event;
using Akka.Remote.Hosting;
namespace ActorOrders.Membership;

/// <summary>
/// TLS of Akka.Remote from mounted files (a Kubernetes TLS secret: tls.crt, tls.key, ca.crt). With a CA
/// configured, a peer is accepted only when its certificate chains to that CA: the cluster's own authority,
/// not every certificate the system trusts. With mutual authentication both sides present one.
/// </summary>
public static class RemotingTls
{
    /// <summary>The member's certificate with its private key; throws <see cref="MembershipSettingsException"/> naming the key.</summary>
    public static X509Certificate2 LoadCertificate(RemotingTlsSettings tls)
    {
        const string prefix = "Cluster:Tls:";
        if (string.IsNullOrWhiteSpace(tls.CertificatePath)) throw new MembershipSettingsException($"{prefix}CertificatePath", $"is required when {MembershipRules.Section}:{prefix}Enabled is true.");
        if (!File.Exists(tls.CertificatePath)) throw new MembershipSettingsException($"{prefix}CertificatePath", $"names no file ('{tls.CertificatePath}').");
        try
        {
            var certificate = IsPkcs12(tls.CertificatePath)
                ? X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath, tls.CertificatePassword, X509KeyStorageFlags.EphemeralKeySet)
                : FromPem(tls, prefix);
            if (!certificate.HasPrivateKey) throw new MembershipSettingsException($"{prefix}CertificatePath", $"('{tls.CertificatePath}') has no private key.");
            if (certificate.NotAfter < DateTime.Now) throw new MembershipSettingsException($"{prefix}CertificatePath", $"('{tls.CertificatePath}') expired on {certificate.NotAfter:u}.");
            return certificate;
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new MembershipSettingsException($"{prefix}CertificatePath", $"('{tls.CertificatePath}') could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>The CA peers must chain to, or null for the system's trust store.</summary>
    public static X509Certificate2Collection? LoadAuthority(RemotingTlsSettings tls)
    {
        const string key = "Cluster:Tls:CaPath";
        if (string.IsNullOrWhiteSpace(tls.CaPath)) return null;
        if (!File.Exists(tls.CaPath)) throw new MembershipSettingsException(key, $"names no file ('{tls.CaPath}').");
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(tls.CaPath);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            throw new MembershipSettingsException(key, $"('{tls.CaPath}') could not be read: {ex.Message}", ex);
        }

        return authorities.Count > 0 ? authorities : throw new MembershipSettingsException(key, $"('{tls.CaPath}') holds no certificate.");
    }

    /// <summary>The remoting's TLS options.</summary>
    public static SslOptions Options(RemotingTlsSettings tls)
    {
        var authorities = LoadAuthority(tls);
        return new SslOptions
        {
            X509Certificate = LoadCertificate(tls),
            SuppressValidation = false,
            RequireMutualAuthentication = tls.RequireMutualAuthentication,
            ValidateCertificateHostname = tls.ValidateHostname,
            CustomValidator = authorities is null ? null : (certificate, _, peer, errors, log) => ChainsTo(authorities, certificate, peer, errors, tls.ValidateHostname, log),
        };
    }

    /// <summary>The peer's certificate chains to one of <paramref name="authorities"/> (and names the host, when asked).</summary>
    public static bool ChainsTo(X509Certificate2Collection authorities, X509Certificate2? certificate, string peer, SslPolicyErrors errors, bool validateHostname, ILoggingAdapter? log)
    {
        if (certificate is null)
        {
            log?.Warning("Remoting TLS: {0} presented no certificate", peer);
            return false;
        }

        if (validateHostname && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            log?.Warning("Remoting TLS: the certificate of {0} ({1}) does not name the host", peer, certificate.Subject);
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain.Build(certificate)) return true;
        log?.Warning("Remoting TLS: refused {0}: its certificate ({1}) does not chain to the cluster's CA: {2}",
            peer, certificate.Subject, string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim())));
        return false;
    }

    private static X509Certificate2 FromPem(RemotingTlsSettings tls, string prefix)
    {
        if (string.IsNullOrWhiteSpace(tls.KeyPath)) throw new MembershipSettingsException($"{prefix}KeyPath", $"is required with a PEM certificate ('{tls.CertificatePath}').");
        if (!File.Exists(tls.KeyPath)) throw new MembershipSettingsException($"{prefix}KeyPath", $"names no file ('{tls.KeyPath}').");
        using var pem = X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath);
        // SslStream on Linux needs the key in a PKCS#12 round trip (an ephemeral PEM key cannot be used by the server side).
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    private static bool IsPkcs12(string path) =>
        path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
}
