namespace Sonata.Midi;

/// <summary>
/// Whatever went wrong while one file was read, as that file's refusal: one line that starts with
/// its path. One damaged file must never end a corpus, even by a way of failing no one foresaw.
/// </summary>
public static class FileRefusal
{
    /// <summary>
    /// <paramref name="e"/> as a refusal of <paramref name="path"/>: a refusal as it is (made one
    /// line, named), anything else as an unforeseen failure, kept as the inner exception.
    /// </summary>
    public static MidiFormatException Of(string path, Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is MidiFormatException refusal)
        {
            string prefix = path + ": ";
            bool named = refusal.Message.StartsWith(prefix, StringComparison.Ordinal);
            return named && !HasLineBreak(refusal.Message)
                ? refusal
                : new MidiFormatException(prefix + OneLine(named ? refusal.Message[prefix.Length..] : refusal.Message), refusal.InnerException);
        }
        return new MidiFormatException(
            $"{path}: unexpected {e.GetType().Name} while reading the file: {OneLine(e.Message)} "
            + "(a bug in Sonata, not in the file: please report it with the file)", e);
    }

    private static bool HasLineBreak(string text) => text.AsSpan().IndexOfAny('\r', '\n') >= 0;

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
