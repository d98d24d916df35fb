namespace Terminal.Config
{
    /// <summary>The one comparison of an entered technician PIN with the provisioned one.</summary>
    public static class PinCheck
    {
        /// <summary>
        /// True when the first <paramref name="enteredLength"/> chars of <paramref name="entered"/> are the PIN.
        /// Every digit is looked at whatever the outcome, so the time taken does not reveal how many leading
        /// digits were right. False when no PIN is provisioned.
        /// </summary>
        public static bool Matches(string provisioned, char[] entered, int enteredLength)
        {
            if (provisioned == null || provisioned.Length == 0 || entered == null) return false;
            int difference = enteredLength ^ provisioned.Length;
            for (int i = 0; i < provisioned.Length; i++)
            {
                char e = i < enteredLength && i < entered.Length ? entered[i] : '\0';
                difference |= e ^ provisioned[i];
            }
            return difference == 0;
        }
    }
}
