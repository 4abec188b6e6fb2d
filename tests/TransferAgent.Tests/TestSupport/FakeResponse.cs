namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>What the fake server answers: a status, a body, headers; or (with <see cref="Hang"/>) nothing until the client gives up.</summary>
public sealed record FakeResponse(int Status, byte[] Body, string ContentType, IReadOnlyDictionary<string, string>? Headers = null, bool Hang = false)
{
    public static FakeResponse Json(string json, int status = 200) => new(status, System.Text.Encoding.UTF8.GetBytes(json), "application/json");

    public static FakeResponse Bytes(byte[] body, string contentType) => new(200, body, contentType);

    public static FakeResponse Error(int status, string json = """{"error":{"message":"fake failure","type":"server_error","code":"fake"}}""", IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, System.Text.Encoding.UTF8.GetBytes(json), "application/json", headers);

    public static FakeResponse NoAnswer() => new(200, [], "text/plain", Hang: true);
}
