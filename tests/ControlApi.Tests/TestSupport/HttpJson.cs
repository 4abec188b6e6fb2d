using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>Small JSON helpers over <see cref="HttpClient"/>: every call returns the status and the parsed body (or an empty object).</summary>
public static class HttpJson
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(
        this HttpClient client, string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = body is null ? null : JsonContent.Create(body, options: ControlApiHost.Json),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await SendAsync(client, request);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostRawAsync(
        this HttpClient client, string path, string content, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(content, Encoding.UTF8, contentType) };
        return await SendAsync(client, request);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(client, request);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> DeleteJsonAsync(this HttpClient client, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        return await SendAsync(client, request);
    }

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new InvalidOperationException($"'{property}' is null");

    private static async Task<(HttpStatusCode, JsonElement, HttpResponseMessage)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 && (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) ?? false)
            ? JsonDocument.Parse(text).RootElement.Clone()
            : JsonDocument.Parse("{}").RootElement.Clone();
        return (response.StatusCode, json, response);
    }
}
