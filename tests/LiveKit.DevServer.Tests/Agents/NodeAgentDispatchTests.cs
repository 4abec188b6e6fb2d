using System.Text.Json.Nodes;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Agents;

/// <summary>LiveKit's official Node AgentDispatchClient against the dev server, with a registered worker taking the job.</summary>
public sealed class NodeAgentDispatchTests
{
    [Fact]
    public async Task AgentDispatchClient_CreateListGetDelete_WorkerGetsTheJob()
    {
        await using var server = await TestServer.StartAsync();
        await using var worker = await TestWorker.RegisterAsync(server, "warm-transfer");

        var r = await NodeScript.RunAsync("agent-dispatch.mjs", server.HttpUrl, server.ApiKey, server.ApiSecret, "call-7", "warm-transfer");

        var created = Ok(r, "createDispatch");
        var id = (string)created["id"]!;
        Assert.StartsWith("AD_", id, StringComparison.Ordinal);
        Assert.Equal("warm-transfer", (string?)created["agentName"]);
        Assert.Equal("call-7", (string?)created["room"]);
        Assert.Equal("{\"kind\":\"call\"}", (string?)created["metadata"]);
        Assert.Contains(Ok(r, "listDispatch").AsArray(), d => (string?)d!["id"] == id);
        Assert.Equal(id, (string?)Ok(r, "getDispatch")["id"]);
        Assert.Null(r["deleteDispatch"]!["error"]);
        Assert.Null(r["getDeleted"]!["ok"]);
        Assert.Equal("not_found", (string?)r["listUnknownRoom"]!["error"]!["code"]);

        var assignment = (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Availability)).Availability;
        Assert.Equal(id, assignment.Job.DispatchId);
        Assert.Equal("call-7", assignment.Job.Room.Name);
    }

    private static JsonNode Ok(JsonNode results, string step) =>
        results[step]!["ok"] ?? throw new Xunit.Sdk.XunitException($"{step} failed: {results[step]!["error"]!.ToJsonString()}");
}
