declare module 'edtf' {
  interface EdtfValue {
    type: string;
    min: number;
    max: number;
    edtf: string;
  }
  /** Parses an EDTF string; throws on invalid input. */
  function edtf(value: string): EdtfValue;
  export default edtf;
}
