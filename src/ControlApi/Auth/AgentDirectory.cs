using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>
/// The known agents and admins: configured logins, API-key identities, and (when enabled) the built-in development
/// logins. Immutable after start-up; thread-safe.
/// </summary>
internal sealed partial class AgentDirectory
{
    /// <summary>Password of the built-in development logins.</summary>
    public const string DevelopmentPassword = "dev";

    // The development logins are public, so their hashes use few iterations: start-up stays fast in tests.
    private const int DevelopmentIterations = 1_000;

    private readonly FrozenDictionary<string, AgentAccount> _accounts;
    private readonly FrozenDictionary<string, string> _passwordHashes;
    private readonly FrozenDictionary<string, AgentAccount> _byApiKeyHash;
    private readonly Lazy<string> _decoyHash = new(() => PasswordHash.Create("decoy"));

    public AgentDirectory(IOptions<AuthOptions> options, IHostEnvironment environment, ILogger<AgentDirectory> logger)
    {
        var auth = options.Value;
        var accounts = new Dictionary<string, AgentAccount>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var keys = new Dictionary<string, AgentAccount>(StringComparer.OrdinalIgnoreCase);

        if (auth.DevelopmentAccounts ?? EnvironmentDefaults.For(environment).DevelopmentAccounts)
        {
            foreach (var (identity, name, role) in DevelopmentLogins)
            {
                accounts[identity] = new AgentAccount(identity, name, role);
                hashes[identity] = PasswordHash.Create(DevelopmentPassword, DevelopmentIterations);
            }

            LogDevelopmentAccounts(logger, string.Join(", ", DevelopmentLogins.Select(l => l.Identity)), DevelopmentPassword);
        }

        foreach (var agent in auth.Agents)
        {
            accounts[agent.Identity] = new AgentAccount(agent.Identity, agent.Name ?? agent.Identity, agent.Role);
            hashes[agent.Identity] = agent.PasswordHash;
        }

        foreach (var key in auth.ApiKeys)
        {
            var account = new AgentAccount(key.Identity, key.Name ?? key.Identity, key.Role);
            accounts[key.Identity] = account;
            keys[key.KeySha256] = account;
        }

        if (accounts.Count == 0)
        {
            LogNoAccounts(logger);
        }

        _accounts = accounts.ToFrozenDictionary(StringComparer.Ordinal);
        _passwordHashes = hashes.ToFrozenDictionary(StringComparer.Ordinal);
        _byApiKeyHash = keys.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>alice, bob and carol are agents; admin is an admin.</summary>
    public static IReadOnlyList<(string Identity, string Name, string Role)> DevelopmentLogins { get; } =
    [
        ("alice", "Alice", Roles.Agent),
        ("bob", "Bob", Roles.Agent),
        ("carol", "Carol", Roles.Agent),
        ("admin", "Admin", Roles.Admin),
    ];

    public IEnumerable<AgentAccount> All => _accounts.Values.OrderBy(a => a.Identity, StringComparer.Ordinal);

    public AgentAccount? Find(string? identity) =>
        identity is not null && _accounts.TryGetValue(identity, out var account) ? account : null;

    public bool IsAgent(string? identity) => Find(identity) is not null;

    /// <summary>The account if the password matches. Unknown identities cost a hash too, so timing does not reveal which exist.</summary>
    public AgentAccount? VerifyPassword(string identity, string password)
    {
        if (!_passwordHashes.TryGetValue(identity, out var hash))
        {
            PasswordHash.Verify(password, _decoyHash.Value);
            return null;
        }

        return PasswordHash.Verify(password, hash) ? _accounts[identity] : null;
    }

    public AgentAccount? FindByApiKey(string apiKey)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        return _byApiKeyHash.TryGetValue(hash, out var account) ? account : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Development logins are ON: {Identities} with password '{Password}'. Set Auth:DevelopmentAccounts=false or leave Development to turn them off.")]
    private static partial void LogDevelopmentAccounts(ILogger logger, string identities, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No agent logins or API keys are configured (Auth:Agents, Auth:ApiKeys): nobody can use the agent console.")]
    private static partial void LogNoAccounts(ILogger logger);
}
