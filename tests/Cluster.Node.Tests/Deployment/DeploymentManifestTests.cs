using ActorOrders.Membership;
using System.Globalization;
using ActorOrders.Node.Settings;
using ActorOrders.Node.Tests.Support;
using ActorOrders.ParticipantsHost.Settings;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace ActorOrders.Node.Tests.Deployment;

/// <summary>
/// The Kubernetes manifests (rendered by kustomize) and docker-compose.yml agree with the node: what they set is
/// what the app reads, validates and serves. Each deployment's settings are put together the way the process
/// does (config/appsettings.json, the environment's file, the container's environment) and go through the
/// node's own start-up validation.
/// </summary>
public sealed class DeploymentManifestTests
{
    /// <summary>Variables the host itself reads (not under ActorOrders).</summary>
    private static readonly HashSet<string> HostVariables = new(StringComparer.Ordinal) { "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS" };

    [ToolFact("kubectl")]
    public void The_dev_overlay_renders_and_its_discovery_ports_probes_environment_and_grace_period_agree_with_the_node()
    {
        var docs = Manifests.Documents(Manifests.Run("kubectl", null, "kustomize", Manifests.PathOf("k8s", "overlays", "dev")));
        var set = docs.Single("StatefulSet", "actororders-node");
        var pod = set.Map("spec", "template");
        var container = pod.List("spec", "containers").Cast<Dictionary<string, object?>>().Single(c => c.Text("name") == "node");
        var env = Manifests.Environment(container);

        // The settings the pod runs with: the image's appsettings.json, the ConfigMap's appsettings.Kubernetes.json
        // (ASPNETCORE_ENVIRONMENT=Kubernetes), then the environment; they pass the node's own validation.
        env["ASPNETCORE_ENVIRONMENT"].ShouldBe("Kubernetes");
        var configMapName = pod.List("spec", "volumes").Single(v => v.Text("name") == "config").Text("configMap", "name")!;
        var configMap = docs.Single(d => d.Text("kind") == "ConfigMap" && d.Text("metadata", "name") == configMapName);
        var kubernetesJson = configMap.Text("data", "appsettings.Kubernetes.json")!;
        kubernetesJson.ShouldBe(File.ReadAllText(Manifests.PathOf("config", "appsettings.Kubernetes.json")), "the ConfigMap is generated from config/");
        configMap.Text("data", "akka.conf").ShouldBe(File.ReadAllText(Manifests.PathOf("config", "akka.conf")));
        var configuration = NodeConfiguration(kubernetesJson, env);
        var settings = SettingsLoader.Load(configuration);
        var c = settings.Cluster;

        // Discovery: the bootstrap's label selector picks exactly these pods; as many contact points as replicas.
        c.EffectiveFormation.ShouldBe(ClusterFormation.Bootstrap);
        c.Bootstrap.Discovery.ShouldBe(BootstrapDiscovery.Kubernetes);
        var selector = string.Format(CultureInfo.InvariantCulture, c.Bootstrap.PodLabelSelector, c.Bootstrap.ServiceName).Split('=');
        pod.Text("metadata", "labels", selector[0]).ShouldBe(selector[1], "the pods carry the label the bootstrap selects");
        set.Text("spec", "selector", "matchLabels", selector[0]).ShouldBe(selector[1]);
        c.Bootstrap.RequiredContactPoints.ShouldBe(set.Int("spec", "replicas"), "required contact points = replicas");
        c.Bootstrap.PodNamespace.ShouldBe("actororders-test", "the namespace comes from the pod");

        // Ports: the names the bootstrap and the probes use, on the numbers the node binds.
        var ports = container.List("ports").ToDictionary(p => p.Text("name")!, p => p.Int("containerPort"), StringComparer.Ordinal);
        ports[c.Bootstrap.PortName].ShouldBe(c.Management.Port, "the bootstrap probes the management port by name");
        ports["akka-remote"].ShouldBe(c.Port);
        ports["http"].ShouldBe(new Uri(configuration["Urls"]!).Port);
        ports["admin"].ShouldBe(new Uri(settings.Admin.Url).Port);

        // Akka addresses: the pod's name under the headless Service the StatefulSet names.
        c.EffectivePublicHostname.ShouldBe($"actororders-node-0.{set.Text("spec", "serviceName")}.actororders-test.svc.cluster.local");
        c.ManagementPublicHostname.ShouldBe("10.1.2.3", "probes reach pods by IP, so the advertised contact point is the IP");
        var headless = docs.Single("Service", set.Text("spec", "serviceName")!);
        headless.Text("spec", "clusterIP").ShouldBe("None");
        headless.Text("spec", "publishNotReadyAddresses").ShouldBe("true");

        // Probes: paths the node serves, on its http port.
        var served = ServedPaths(configuration);
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            container.Text(probe, "httpGet", "port").ShouldBe("http", probe);
            served.ShouldContain(container.Text(probe, "httpGet", "path")!, probe);
        }

        container.Text("readinessProbe", "httpGet", "path").ShouldBe("/health/ready");

        // Every variable set is read: a node setting, a host variable, or used by another as $(NAME).
        AssertEveryVariableIsRead(container, typeof(NodeSettings));

        // The grace period covers preStop and the node's whole stop deadline (CoordinatedShutdown inside it).
        var preStop = container.List("lifecycle", "preStop", "exec", "command");
        preStop.Cast<string>().First().ShouldBe("sleep");
        var preStopSeconds = int.Parse((string)preStop[1]!, CultureInfo.InvariantCulture);
        pod.Int("spec", "terminationGracePeriodSeconds").ShouldBeGreaterThanOrEqualTo(preStopSeconds + (int)c.ShutdownTimeout.TotalSeconds + 5);
        c.ShutdownTimeout.ShouldBeGreaterThanOrEqualTo(c.DrainDelay + ClusterRules.MinimumStop);

        // RBAC: the pods' service account may get/watch/list pods.
        var account = pod.Text("spec", "serviceAccountName")!;
        var binding = docs.Single(d => d.Text("kind") == "RoleBinding" && d.List("subjects").Any(s => s.Text("name") == account));
        var role = docs.Single("Role", binding.Text("roleRef", "name")!);
        var rule = role.List("rules").Single(r => r.List("resources").Contains("pods"));
        rule.List("verbs").Cast<string>().ShouldBe(["get", "watch", "list"], ignoreOrder: true);

        // The disruption budget covers the nodes; no Service publishes remoting or management outside the cluster.
        docs.Single("PodDisruptionBudget", "actororders-node").Text("spec", "selector", "matchLabels", selector[0]).ShouldBe(selector[1]);
        foreach (var service in docs.Where(d => d.Text("kind") == "Service"))
        {
            var exposesCluster = service.List("spec", "ports").Any(p => p.Text("targetPort") is "akka-remote" or "management" || p.Text("port") is "4053" or "8558");
            if (exposesCluster) (service.Text("spec", "type") ?? "ClusterIP").ShouldBe("ClusterIP", $"Service {service.Text("metadata", "name")} must stay inside the cluster");
        }

        // Secrets are referenced, never part of the manifests.
        docs.ShouldNotContain(d => d.Text("kind") == "Secret");

        // The participants host joins the nodes by their stable names, on their remoting port.
        var participants = docs.Single("Deployment", "actororders-participants").Map("spec", "template", "spec").List("containers").Cast<Dictionary<string, object?>>().Single();
        AssertEveryVariableIsRead(participants, typeof(HostSettings));
        var seeds = Manifests.Environment(participants).Where(e => e.Key.StartsWith("ActorOrders__Cluster__SeedNodes__", StringComparison.Ordinal)).Select(e => new Uri(e.Value)).ToList();
        seeds.Count.ShouldBe(set.Int("spec", "replicas"));
        for (var i = 0; i < seeds.Count; i++)
        {
            seeds[i].Host.ShouldBe($"actororders-node-{i}.{set.Text("spec", "serviceName")}.actororders-test.svc.cluster.local");
            seeds[i].Port.ShouldBe(c.Port);
            seeds[i].UserInfo.ShouldBe(c.SystemName);
        }

        // The gateway: probes on a path it serves, HPA on its Deployment.
        var gateway = docs.Single("Deployment", "actororders-gateway").Map("spec", "template", "spec").List("containers").Cast<Dictionary<string, object?>>().Single();
        AssertEveryVariableIsRead(gateway, typeof(GatewayShape));
        docs.Single("HorizontalPodAutoscaler", "actororders-gateway").Text("spec", "scaleTargetRef", "name").ShouldBe("actororders-gateway");
    }

    [ToolFact("kubectl")]
    public void The_base_runs_remoting_over_TLS_from_a_mounted_secret_at_the_paths_the_settings_name()
    {
        var docs = Manifests.Documents(Manifests.Run("kubectl", null, "kustomize", Manifests.PathOf("k8s", "base")));
        var pod = docs.Single("StatefulSet", "actororders-node").Map("spec", "template", "spec");
        var container = pod.List("containers").Cast<Dictionary<string, object?>>().Single(c => c.Text("name") == "node");
        var env = Manifests.Environment(container);
        env.ShouldNotContainKey("ActorOrders__Cluster__AllowPlaintextRemoting");
        var tls = new ConfigurationBuilder().AddJsonFile(Manifests.PathOf("config", "appsettings.Kubernetes.json")).Build()
            .GetSection("ActorOrders:Cluster:Tls").Get<RemotingTlsSettings>()!;
        tls.Enabled.ShouldBeTrue();
        var mount = container.List("volumeMounts").Single(m => m.Text("name") == "remoting-tls").Text("mountPath")!;
        foreach (var file in new[] { tls.CertificatePath, tls.KeyPath, tls.CaPath }) Path.GetDirectoryName(file).ShouldBe(mount);
        pod.List("volumes").Single(v => v.Text("name") == "remoting-tls").Text("secret", "secretName").ShouldNotBeNullOrWhiteSpace();
    }

    [ToolFact("docker-compose")]
    public void Docker_compose_validates_and_its_nodes_seeds_ports_and_environment_agree_with_the_node()
    {
        var secrets = new Dictionary<string, string>
        {
            ["POSTGRES_PASSWORD"] = "made-up-password",
            ["ADMIN_TOKEN"] = "made-up-admin-token-0123456789",
            ["SHOP_API_KEY_SHA256"] = "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
        };
        // docker-compose config checks the file against the compose schema and resolves anchors and variables.
        var rendered = Manifests.Documents(Manifests.Run("docker-compose", secrets, "-f", Manifests.PathOf("docker-compose.yml"), "config")).Single();
        var services = rendered.Map("services");
        var composeJson = File.ReadAllText(Manifests.PathOf("config", "appsettings.Compose.json"));
        var nodes = services.Keys.Where(k => k.StartsWith("node", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        nodes.Count.ShouldBe(3);
        string[]? seeds = null;
        foreach (var name in nodes)
        {
            var service = services.Map(name);
            var env = service.Map("environment").ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal);
            env["ASPNETCORE_ENVIRONMENT"].ShouldBe("Compose");
            foreach (var key in env.Keys) (HostVariables.Contains(key) || Manifests.IsSetting(typeof(NodeSettings), key) || Manifests.IsSetting(typeof(HttpSecuritySettings), key)).ShouldBeTrue($"{name} sets {key}, which the node does not read");

            var configuration = NodeConfiguration(composeJson, env);
            var settings = SettingsLoader.Load(configuration);
            settings.Cluster.EffectiveFormation.ShouldBe(ClusterFormation.Seeds);
            settings.Cluster.EffectivePublicHostname.ShouldBe(name, "the Akka address is the compose service name");
            seeds ??= [.. settings.Cluster.SeedNodes];
            settings.Cluster.SeedNodes.ToArray().ShouldBe(seeds, "every node has the same seed list");
            // Only HTTP is published, and on the host's loopback: "127.0.0.1:5081:5080/tcp".
            var httpPort = new Uri(configuration["Urls"]!).Port.ToString(CultureInfo.InvariantCulture);
            service.List("ports").Cast<string>().ShouldAllBe(p => p.StartsWith("127.0.0.1:", StringComparison.Ordinal) && p.Split(new[] { ':', '/' })[2] == httpPort);
            ParseSeconds(service.Text("stop_grace_period")!).ShouldBeGreaterThan(settings.Cluster.ShutdownTimeout);
        }

        seeds.ShouldNotBeNull();
        seeds.Select(s => new Uri(s).Host).ShouldBe(nodes);
        seeds.Select(s => new Uri(s).Port).ShouldAllBe(p => p == 4053);

        // The participants host serves the participants' topics of the nodes' brokers (the nodes host no simulators).
        var nodeSettings = SettingsLoader.Load(NodeConfiguration(composeJson,
            services.Map(nodes[0]).Map("environment").ToDictionary(kv => kv.Key, kv => (string)kv.Value!, StringComparer.Ordinal)));
        nodeSettings.Participants.Mode.ShouldBe(ParticipantsMode.Kafka);
        nodeSettings.Participants.HostSimulators.ShouldBeFalse("two consumers of the command topics would split them between two ledgers");
        var participants = services.Map("participants").Map("environment");
        foreach (var key in participants.Keys) Manifests.IsSetting(typeof(HostSettings), key).ShouldBeTrue($"participants sets {key}, which the host does not read");
        ((string)participants["ActorOrders__Participants__Transport"]!).ShouldBe("Kafka");
        ((string)participants["ActorOrders__Kafka__BootstrapServers"]!).ShouldBe(nodeSettings.Kafka.BootstrapServers);

        // The gateway joins the nodes by the same seeds and, listening off loopback, requires an API key.
        var gateway = services.Map("gateway").Map("environment");
        foreach (var key in gateway.Keys)
            (HostVariables.Contains(key) || Manifests.IsSetting(typeof(GatewayShape), key) || Manifests.IsSetting(typeof(HttpSecuritySettings), key)).ShouldBeTrue($"gateway sets {key}, which the gateway does not read");
        gateway.Where(kv => kv.Key.StartsWith("ActorOrders__Cluster__SeedNodes__", StringComparison.Ordinal)).Select(kv => (string)kv.Value!).ShouldBe(seeds);
        gateway.Keys.ShouldContain("ActorOrders__Auth__ApiKeys__0__Sha256");
    }

    private static IConfiguration NodeConfiguration(string environmentJson, IReadOnlyDictionary<string, string> env) =>
        new ConfigurationBuilder()
            .AddJsonFile(Manifests.PathOf("config", "appsettings.json"))
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(environmentJson)))
            .AddInMemoryCollection(env.Where(e => e.Key.StartsWith("ActorOrders__", StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .Build();

    /// <summary>The route paths the node maps, from the app built on <paramref name="configuration"/> (not started).</summary>
    private static HashSet<string> ServedPaths(IConfiguration configuration)
    {
        var app = Program.Build([], b => b.Configuration.AddConfiguration(configuration));
        try
        {
            return ((IEndpointRouteBuilder)app).DataSources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
                .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).ToHashSet(StringComparer.Ordinal);
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }

    /// <summary>The API security settings (section ActorOrders:Auth and :RateLimit), as the node and the gateway bind them.</summary>
    private sealed class HttpSecuritySettings
    {
        public ActorOrders.Http.Security.ApiSecurityOptions Auth { get; set; } = new();
    }

    /// <summary>
    /// The gateway's cluster keys (src/Gateway/Settings/GatewaySettings.cs: this project does not reference the gateway):
    /// the node's names where they mean the same.
    /// </summary>
    private sealed class GatewayShape
    {
        public GatewayClusterShape Cluster { get; set; } = new();
    }

    private sealed class GatewayClusterShape : MembershipSettings
    {
        public string SystemName { get; set; } = "";
        public int Port { get; set; }
        public List<string> SeedNodes { get; set; } = [];
        public TimeSpan ShutdownTimeout { get; set; }
    }

    private static void AssertEveryVariableIsRead(Dictionary<string, object?> container, Type settings)
    {
        var referenced = Manifests.Referenced(container);
        foreach (var name in container.List("env").Select(e => e.Text("name")!))
        {
            var read = HostVariables.Contains(name) || referenced.Contains(name) || (settings != typeof(object) && Manifests.IsSetting(settings, name))
                || Manifests.IsSetting(typeof(HttpSecuritySettings), name);
            read.ShouldBeTrue($"container {container.Text("name")} sets {name}, which nothing reads");
        }
    }

    private static TimeSpan ParseSeconds(string value) =>
        value.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(value[..^1], CultureInfo.InvariantCulture)) : TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
