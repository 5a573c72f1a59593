namespace Kombu.Transport.Beanstalk;

/// <summary>One reply of the server: the status word, its arguments and, for data replies, the body.</summary>
/// <param name="Status">The first word, such as <c>INSERTED</c>.</param>
/// <param name="Arguments">The other words of the reply line.</param>
/// <param name="Body">The data block of <c>RESERVED</c> and <c>OK</c> replies, or <see langword="null"/>.</param>
internal sealed record BeanstalkReply(string Status, string[] Arguments, byte[]? Body);
