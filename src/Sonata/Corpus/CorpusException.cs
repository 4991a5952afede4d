namespace Sonata.Corpus;

/// <summary>
/// The corpus could not be found, downloaded, verified or extracted. The message names the path
/// or address, what is wrong, and what to do about it.
/// </summary>
public sealed class CorpusException : Exception
{
    public CorpusException(string message) : base(message) { }

    public CorpusException(string message, Exception? innerException) : base(message, innerException) { }
}
