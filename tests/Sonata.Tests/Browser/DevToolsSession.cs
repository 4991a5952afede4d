using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sonata.Tests.Browser;

/// <summary>
/// A Chrome DevTools Protocol connection to one page over a WebSocket: commands by id and their
/// replies, and the page's events (to every <see cref="EventReceived"/> listener and to whoever
/// waits for one). Every wait has a timeout that names what was awaited.
/// </summary>
internal sealed class DevToolsSession : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, (string Method, TaskCompletionSource<JsonElement> Reply)> _pending = new();
    private readonly List<(string Method, TaskCompletionSource<JsonElement> Seen)> _waiters = [];
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private Task _receiving = Task.CompletedTask;
    private int _lastId;

    private DevToolsSession(TimeSpan timeout) => Timeout = timeout;

    /// <summary>How long a command's reply or an event is awaited.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Every event the page sends: its method and params (heard on the receiving thread).</summary>
    public event Action<string, JsonElement>? EventReceived;

    public static async Task<DevToolsSession> ConnectAsync(Uri webSocket, TimeSpan timeout)
    {
        var session = new DevToolsSession(timeout);
        session._socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var connecting = new CancellationTokenSource(timeout);
        await session._socket.ConnectAsync(webSocket, connecting.Token);
        session._receiving = Task.Run(session.ReceiveAsync);
        return session;
    }

    /// <summary>Sends a command and returns its result; a protocol error or no reply in time throws, naming the command.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _lastId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = (method, reply);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
        byte[] bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
        }
        finally
        {
            _sending.Release();
        }
        var result = await Within(reply.Task, $"reply to {method}");
        return result.TryGetProperty("error", out var error)
            ? throw new InvalidOperationException($"DevTools {method} failed: {error.GetProperty("message").GetString()}")
            : result.GetProperty("result");
    }

    /// <summary>The next event named <paramref name="method"/> from now on: call before what causes it, await after.</summary>
    public Task<JsonElement> NextEvent(string method)
    {
        var seen = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters) _waiters.Add((method, seen));
        return Within(seen.Task, $"event {method}");
    }

    /// <summary>Awaits <paramref name="task"/> for <see cref="Timeout"/> at most, failing with what was awaited.</summary>
    public async Task<T> Within<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Chromium: no {what} within {Timeout.TotalSeconds:0} s");
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer.GetMemory(64 * 1024), _closing.Token);
                    buffer.Advance(received.Count);
                }
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close);
                if (received.MessageType == WebSocketMessageType.Close) break;
                using var document = JsonDocument.Parse(buffer.WrittenMemory);
                Dispatch(document.RootElement.Clone());
            }
            Fail(new IOException("Chromium closed the DevTools connection"));
        }
        catch (Exception e)
        {
            Fail(e is OperationCanceledException ? new ObjectDisposedException(nameof(DevToolsSession)) : e);
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            if (_pending.TryRemove(id.GetInt32(), out var pending)) pending.Reply.TrySetResult(message);
            return;
        }
        string method = message.GetProperty("method").GetString()!;
        var parameters = message.TryGetProperty("params", out var p) ? p : default;
        EventReceived?.Invoke(method, parameters);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Method == method).ToList())
            {
                waiter.Seen.TrySetResult(parameters);
                _waiters.Remove(waiter);
            }
        }
    }

    private void Fail(Exception e)
    {
        foreach (var id in _pending.Keys)
            if (_pending.TryRemove(id, out var pending)) pending.Reply.TrySetException(e);
        lock (_waiters)
        {
            foreach (var waiter in _waiters) waiter.Seen.TrySetException(e);
            _waiters.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException or WebSocketException)
        {
            // the browser is being ended anyway
        }
        _socket.Dispose();
        _closing.Dispose();
        _sending.Dispose();
    }
}
