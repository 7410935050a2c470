/** The book's scalar layers (5.4): each caches what backward needs in forward. */
export class MulLayer {
  private x = 0;
  private y = 0;

  forward(x: number, y: number): number {
    this.x = x;
    this.y = y;
    return x * y;
  }

  /** × swaps its inputs: dx = dout·y, dy = dout·x. */
  backward(dout: number): [number, number] {
    return [dout * this.y, dout * this.x];
  }
}

export class AddLayer {
  forward(x: number, y: number): number {
    return x + y;
  }

  /** + passes the upstream gradient through unchanged. */
  backward(dout: number): [number, number] {
    return [dout * 1, dout * 1];
  }
}
