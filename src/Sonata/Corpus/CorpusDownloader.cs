using System.Security.Cryptography;

namespace Sonata.Corpus;

/// <summary>
/// Downloads a file into a temporary file beside its destination, checks its length and SHA-256,
/// and only then renames it into place. On any failure the temporary file is removed, so a file at
/// the destination is always a complete, verified download.
/// </summary>
internal sealed class CorpusDownloader(HttpClient http)
{
    private const int BufferSize = 81920;

    /// <param name="expectedSha256">The SHA-256 the file must have; null to skip the check.</param>
    public async Task DownloadAsync(
        Uri url, string destination, string? expectedSha256,
        IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(destination))!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.part");
        try
        {
            string sha256 = await DownloadToAsync(url, temporary, progress, ct);
            if (expectedSha256 is not null && !FileHash.SameHash(sha256, expectedSha256))
            {
                throw new CorpusException(
                    $"The download from {url} has SHA-256 {sha256}, but {expectedSha256} was expected. "
                    + "The file may have been changed or damaged on the way; nothing was kept. "
                    + "Try again later, or download the archive yourself and pass it with --data.");
            }
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            File.Delete(temporary); // no-op once moved
        }
    }

    /// <summary>Streams the body of <paramref name="url"/> into <paramref name="path"/>; returns its SHA-256.</summary>
    private async Task<string> DownloadToAsync(
        Uri url, string path, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new CorpusException(
                    $"Could not download {url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}. "
                    + "Check the address, or download the archive yourself and pass it with --data.");
            }

            long? total = response.Content.Headers.ContentLength;
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            long received = 0;
            progress?.Report(new DownloadProgress(received, total));
            await using (var body = await response.Content.ReadAsStreamAsync(ct))
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                byte[] buffer = new byte[BufferSize];
                int read;
                while ((read = await body.ReadAsync(buffer, ct)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    hash.AppendData(buffer, 0, read);
                    received += read;
                    progress?.Report(new DownloadProgress(received, total));
                }
            }

            if (total is { } expected && received != expected)
            {
                throw CutOff(url, $"received {received} of {expected} bytes");
            }
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        catch (HttpIOException e)
        {
            throw CutOff(url, e.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw new CorpusException(
                $"Could not download {url}: {e.Message}. "
                + "Check the network connection, or download the archive yourself and pass it with --data.", e);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException)
        {
            throw CutOff(url, e.Message, e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new CorpusException(
                $"Could not download {url}: the server did not answer in time. Run the command again to retry.", e);
        }
    }

    private static CorpusException CutOff(Uri url, string detail, Exception? inner = null) =>
        new($"The download from {url} was cut off ({detail}); nothing was kept. Run the command again to retry.",
            inner);
}

/// <summary>How far a download has come.</summary>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The size the server declared (Content-Length), or null when it did not say.</param>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes);
