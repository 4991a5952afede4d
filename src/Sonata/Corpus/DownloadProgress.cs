namespace Sonata.Corpus;

/// <summary>How far a download has come.</summary>
/// <param name="BytesReceived">Bytes received so far.</param>
/// <param name="TotalBytes">The size the server declared (Content-Length), or null when it did not say.</param>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes);
