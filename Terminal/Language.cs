namespace Terminal
{
    public static class Language { public const int Norwegian = 0; public const int English = 1; }
}
