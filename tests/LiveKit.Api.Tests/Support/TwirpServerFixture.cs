namespace LiveKit.Api.Tests.Support;

/// <summary>One <see cref="TwirpTestServer"/> per test class (tests in a class run one at a time).</summary>
public sealed class TwirpServerFixture : IAsyncLifetime
{
    internal TwirpTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await TwirpTestServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
