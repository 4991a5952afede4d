using Sonata.Midi;
using Sonata.Tokenization;

namespace Sonata.Tests;

/// <summary>
/// Whatever goes wrong while one file is read is that file's refusal: one line naming it, an
/// unforeseen failure said to be one; the corpus goes on with skipBad and nothing comes back wrapped.
/// </summary>
public sealed class FileRefusalTests : IDisposable
{
    private readonly CorpusScratch scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void An_unforeseen_exception_becomes_a_one_line_refusal_naming_the_file_and_saying_it_is_a_bug()
    {
        var bug = new InvalidOperationException("Sequence contains\nno elements");

        var refusal = FileRefusal.Of("corpus/a.mid", bug);

        Assert.Equal("corpus/a.mid: unexpected InvalidOperationException while reading the file: Sequence contains no elements "
            + "(a bug in Sonata, not in the file: please report it with the file)", refusal.Message);
        Assert.True(refusal.IsUnforeseen);
        Assert.Same(bug, refusal.InnerException);
    }

    [Fact]
    public void A_refusal_naming_its_file_stays_as_it_is_and_one_naming_none_gets_the_name()
    {
        var named = new MidiFormatException("corpus/a.mid: truncated");

        Assert.Same(named, FileRefusal.Of("corpus/a.mid", named));
        var unnamed = FileRefusal.Of("corpus/a.mid", new MidiFormatException("MIDI data: two\nlines"));
        Assert.Equal("corpus/a.mid: MIDI data: two lines", unnamed.Message);
        Assert.False(unnamed.IsUnforeseen);
    }

    [Fact]
    public void An_unforeseen_exception_in_one_file_is_its_refusal_and_skip_bad_reads_the_rest()
    {
        string[] paths = Paths(12);
        string broken = paths[5];

        var corpus = CorpusTokenizer.Tokenize(paths, ReadFailingOn(broken), skipBad: true, filesDone: null, CancellationToken.None);

        Assert.Equal(paths.Length - 1, corpus.Files.Count);
        var skipped = Assert.Single(corpus.Skipped);
        Assert.StartsWith(broken + ": unexpected KeyNotFoundException while reading the file: ", skipped.Reason);
        Assert.DoesNotContain('\n', skipped.Reason);
    }

    [Fact]
    public void Without_skip_bad_an_unforeseen_exception_is_the_files_refusal_not_an_aggregate()
    {
        string[] paths = Paths(12);

        var error = Assert.Throws<MidiFormatException>(() =>
            CorpusTokenizer.Tokenize(paths, ReadFailingOn(paths[7]), skipBad: false, filesDone: null, CancellationToken.None));

        Assert.StartsWith(paths[7] + ": unexpected KeyNotFoundException", error.Message);
        Assert.IsType<KeyNotFoundException>(error.InnerException);
    }

    [Fact]
    public void A_failing_progress_report_comes_back_as_itself_not_wrapped()
    {
        var failing = new Progress(_ => throw new InvalidOperationException("the progress bar is gone"));

        var error = Assert.Throws<InvalidOperationException>(() =>
            CorpusTokenizer.Tokenize(Paths(4), _ => [], skipBad: true, failing, CancellationToken.None));

        Assert.Equal("the progress bar is gone", error.Message);
    }

    [Fact]
    public void Cancelling_is_a_cancellation_not_a_refusal()
    {
        using var cancellation = new CancellationTokenSource();
        IReadOnlyList<TokenEvent> CancelThenThrow(string path)
        {
            cancellation.Cancel();
            cancellation.Token.ThrowIfCancellationRequested();
            return [];
        }

        Assert.ThrowsAny<OperationCanceledException>(() =>
            CorpusTokenizer.Tokenize(Paths(4), CancelThenThrow, skipBad: true, filesDone: null, cancellation.Token));
    }

    private string[] Paths(int count) =>
        [.. Enumerable.Range(0, count).Select(i => scratch.PathOf($"{i:D2}.mid"))];

    /// <summary>Reads nothing, and fails on <paramref name="broken"/> as no damaged file makes the reader fail yet.</summary>
    private static Func<string, IReadOnlyList<TokenEvent>> ReadFailingOn(string broken) =>
        path => path == broken ? throw new KeyNotFoundException("The given key was not present.") : [new TokenEvent("C4", 0, 1)];

    private sealed class Progress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
