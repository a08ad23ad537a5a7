// recharts colours legend labels like their series; light series colours would then fail
// text contrast, so the swatch keeps the colour and the words stay dark.
export const legendText = (value: string) => <span className="text-zinc-700">{value}</span>;
