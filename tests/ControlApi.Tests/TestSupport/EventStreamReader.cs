using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>Reads a server-sent-events response as the browser's EventSource would: <c>id</c>, <c>event</c>, <c>data</c> per blank-line-terminated block.</summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStreamReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public string? LastEventId { get; private set; }

    public static async Task<EventStreamReader> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var stream = await response.Content.ReadAsStreamAsync();
        return new EventStreamReader(response, new StreamReader(stream, Encoding.UTF8));
    }

    /// <summary>The next event (heartbeats skipped).</summary>
    public async Task<SseEvent> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TestDefaults.Timeout);
        while (true)
        {
            string? id = null;
            string type = "message";
            var data = new StringBuilder();
            while (true)
            {
                var line = await _reader.ReadLineAsync(timeout.Token) ?? throw new EndOfStreamException("the event stream ended");
                if (line.Length == 0)
                {
                    break;
                }

                if (line.StartsWith("id:", StringComparison.Ordinal))
                {
                    id = line[3..].Trim();
                }
                else if (line.StartsWith("event:", StringComparison.Ordinal))
                {
                    type = line[6..].Trim();
                }
                else if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    data.Append(line[5..].TrimStart());
                }
            }

            if (id is not null)
            {
                LastEventId = id;
            }

            if (type != "heartbeat")
            {
                return new SseEvent(id, type, JsonDocument.Parse(data.Length == 0 ? "{}" : data.ToString()).RootElement.Clone());
            }
        }
    }

    /// <summary>Skips events until one of <paramref name="type"/> matching <paramref name="match"/> arrives.</summary>
    public async Task<SseEvent> NextOfAsync(string type, Func<JsonElement, bool>? match = null)
    {
        while (true)
        {
            var next = await NextAsync();
            if (next.Type == type && (match is null || match(next.Data)))
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
