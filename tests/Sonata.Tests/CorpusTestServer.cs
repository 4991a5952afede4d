using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sonata.Tests;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (ephemeral port) for download tests. It answers every
/// request with what <c>respond</c> returns for the path, then closes the connection; a response
/// may declare a longer Content-Length than the bytes it sends, to cut a download off.
/// </summary>
internal sealed class CorpusTestServer : IAsyncDisposable
{
    public sealed record Response(int Status, byte[] Body, long? DeclaredLength = null);

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Func<string, Response> respond;
    private readonly Task loop;
    private int requests;

    public CorpusTestServer(Func<string, Response> respond)
    {
        this.respond = respond;
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    /// <summary>How many requests the server has read.</summary>
    public int Requests => Volatile.Read(ref requests);

    public Uri UrlFor(string path) => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/{path}");

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            using (client)
            {
                try
                {
                    await AnswerAsync(client.GetStream());
                }
                catch (IOException)
                {
                    // the client went away
                }
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream)
    {
        string path = await ReadRequestPathAsync(stream);
        Interlocked.Increment(ref requests);
        Response response = respond(path);
        string head = $"HTTP/1.1 {response.Status} {(HttpStatusCode)response.Status}\r\n"
            + $"Content-Length: {response.DeclaredLength ?? response.Body.Length}\r\n"
            + "Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop.Token);
        await stream.WriteAsync(response.Body, stop.Token);
        await stream.FlushAsync(stop.Token);
    }

    /// <summary>Reads the request head and returns the path of its request line, without the leading '/'.</summary>
    private async Task<string> ReadRequestPathAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        byte[] one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, stop.Token) == 0)
            {
                break;
            }
            head.Append((char)one[0]);
        }
        string[] requestLine = head.ToString().Split(' ');
        return requestLine.Length > 1 ? requestLine[1].TrimStart('/') : "";
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        await loop;
        listener.Dispose();
        stop.Dispose();
    }
}
