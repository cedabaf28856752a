/** The one piece of jStat (no published types) this project uses: Student's t quantile. */
declare module "jstat" {
  const jstat: { studentt: { inv(p: number, degreesOfFreedom: number): number } };
  export default jstat;
}
