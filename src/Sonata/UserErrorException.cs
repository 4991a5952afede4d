namespace Sonata;

/// <summary>
/// Something the user asked for or gave cannot be done as it stands (a corpus too small for the
/// recipe, a folder that already holds a run, a device this build lacks): the message says what is
/// wrong and what to do, and is all the user is shown. Anything else that escapes is a bug.
/// </summary>
public sealed class UserErrorException : Exception
{
    public UserErrorException(string message) : base(message) { }

    public UserErrorException(string message, Exception? innerException) : base(message, innerException) { }
}
