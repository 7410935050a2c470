;; The layers of the book's MultiLayerNetExtend in WebAssembly SIMD (f32x4), composed by
;; net/fastNet.ts: the first Affine over each image's non-zero pixels (forward, its panels for
;; evaluations, backward), dense Affines (mm), ReLU, batch norm, dropout and the book's six
;; optimizers. The softmax and the sigmoid need exp and stay in TypeScript.
;;
;; Memory (imported, so that two workers can share one): where everything lives is
;; net/netLayout.ts's. Rows of activations are Hp = the layer's size rounded up to 4 floats,
;; their pad lanes zero; rows of the scores and of dy are 12 floats (10 and 2 pad lanes). W1 is
;; 784 × H as the book has it, b1 right after it; the last vector of a W1 row reads a little
;; into the next row (the layout leaves slack after the block): those lanes are dropped or
;; multiplied by a zero pad, so they never reach a result.
;;
;; Images arrive as bytes (784 each). `scan` lists each image's non-zero pixels once (~19% of
;; MNIST's) as (p · H · 4, pixel / 255); the first Affine walks those lists.
;; MADD(a, b, c) = a·b + c is replaced by the build: f32x4.mul then f32x4.add, or
;; f32x4.relaxed_madd (fused where the CPU has FMA). MEMORY is replaced by the memory import.
(module
  MEMORY

  ;; starts[r] .. starts[r + 1] (r ≤ n) index the 8-byte entries of image r in nz; an entry holds
  ;; p · $rowBytes (the byte offset of pixel p's row of W1: H · 4 as W1 is, 64 in the panels).
  (func (export "scan") (param $pix i32) (param $n i32) (param $rowBytes i32) (param $nz i32) (param $starts i32)
    (local $r i32) (local $src i32) (local $q i32) (local $m i32) (local $p i32) (local $e i32)
    (local.set $e (local.get $nz))
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (i32.store (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))
        (i32.shr_u (i32.sub (local.get $e) (local.get $nz)) (i32.const 3)))
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $src (i32.add (local.get $pix) (i32.mul (local.get $r) (i32.const 784))))
      (local.set $q (i32.const 0))
      (block $qdone (loop $qloop
        (br_if $qdone (i32.ge_u (local.get $q) (i32.const 784)))
        ;; one bit per non-zero byte of these 16 pixels
        (local.set $m (i32.xor (i32.const 0xffff)
          (i8x16.bitmask (i8x16.eq (v128.load (i32.add (local.get $src) (local.get $q))) (v128.const i32x4 0 0 0 0)))))
        (block $mdone (loop $mloop
          (br_if $mdone (i32.eqz (local.get $m)))
          (local.set $p (i32.add (local.get $q) (i32.ctz (local.get $m))))
          (i32.store (local.get $e) (i32.mul (local.get $p) (local.get $rowBytes)))
          (f32.store offset=4 (local.get $e)
            (f32.mul (f32.convert_i32_u (i32.load8_u (i32.add (local.get $src) (local.get $p)))) (f32.const 0.003921568859368563)))
          (local.set $e (i32.add (local.get $e) (i32.const 8)))
          (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))
          (br $mloop)))
        (local.set $q (i32.add (local.get $q) (i32.const 16)))
        (br $qloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))

  ;; The lists of a whole data set, made once (kernels/sparse.ts): entry = p | pixel << 16. This
  ;; turns $count of them at $cz into 8-byte entries (p · $rowBytes, pixel / 255) at $nz, four at a
  ;; time; the image bounds (starts) stay as they are.
  (func $decode (export "decode") (param $cz i32) (param $count i32) (param $rowBytes i32) (param $nz i32)
    (local $i i32) (local $end4 i32) (local $v v128) (local $o v128) (local $x v128) (local $rb v128)
    (local.set $rb (i32x4.splat (local.get $rowBytes)))
    (local.set $end4 (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end4)))
      (local.set $v (v128.load (i32.add (local.get $cz) (local.get $i))))
      (local.set $o (i32x4.mul (v128.and (local.get $v) (v128.const i32x4 0xffff 0xffff 0xffff 0xffff)) (local.get $rb)))
      (local.set $x (f32x4.mul (f32x4.convert_i32x4_u (i32x4.shr_u (local.get $v) (i32.const 16)))
        (v128.const f32x4 0.003921568859368563 0.003921568859368563 0.003921568859368563 0.003921568859368563)))
      (v128.store (i32.add (local.get $nz) (i32.shl (local.get $i) (i32.const 1)))
        (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $o) (local.get $x)))
      (v128.store offset=16 (i32.add (local.get $nz) (i32.shl (local.get $i) (i32.const 1)))
        (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $o) (local.get $x)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop)))
    (block $tdone (loop $tloop
      (br_if $tdone (i32.ge_u (local.get $i) (i32.shl (local.get $count) (i32.const 2))))
      (local.set $end4 (i32.load (i32.add (local.get $cz) (local.get $i))))
      (i32.store (i32.add (local.get $nz) (i32.shl (local.get $i) (i32.const 1)))
        (i32.mul (i32.and (local.get $end4) (i32.const 0xffff)) (local.get $rowBytes)))
      (f32.store offset=4 (i32.add (local.get $nz) (i32.shl (local.get $i) (i32.const 1)))
        (f32.mul (f32.convert_i32_u (i32.shr_u (local.get $end4) (i32.const 16))) (f32.const 0.003921568859368563)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $tloop))))

;; `decode` for n images whose entries lie apart at $cz (image r's from entry src[r]) into
  ;; one run at $nz: image r's at entry starts[r], as forward and backward read them.
  (func (export "decodeRuns") (param $cz i32) (param $src i32) (param $starts i32) (param $n i32) (param $rowBytes i32) (param $nz i32)
    (local $r i32) (local $at i32)
    (local.set $r (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $at (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2))))
      (call $decode
        (i32.add (local.get $cz) (i32.shl (i32.load (i32.add (local.get $src) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 2)))
        (i32.sub (i32.load offset=4 (local.get $at)) (i32.load (local.get $at)))
        (local.get $rowBytes)
        (i32.add (local.get $nz) (i32.shl (i32.load (local.get $at)) (i32.const 3))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $loop))))

;; out[r] = the first index of the largest of a2[r]'s 10 scores, as a byte (tensor/matrix.ts's
  ;; argmax: a later score must be strictly larger, so a NaN never wins).
  (func (export "argmaxRows") (param $a2 i32) (param $n i32) (param $out i32)
    (local $r i32) (local $row i32) (local $c i32) (local $best i32) (local $max f32) (local $v f32)
    (local.set $r (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $row (i32.add (local.get $a2) (i32.mul (local.get $r) (i32.const 48))))
      (local.set $max (f32.load (local.get $row)))
      (local.set $best (i32.const 0))
      (local.set $c (i32.const 1))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.ge_u (local.get $c) (i32.const 10)))
        (local.set $v (f32.load (i32.add (local.get $row) (i32.shl (local.get $c) (i32.const 2)))))
        (if (f32.gt (local.get $v) (local.get $max)) (then
          (local.set $max (local.get $v))
          (local.set $best (local.get $c))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $cloop)))
      (i32.store8 (i32.add (local.get $out) (local.get $r)) (local.get $best))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $loop))))

  ;; W1 (784 × H, rows of H · 4 bytes) into panels for an evaluation: panel k holds outputs
  ;; 16k .. 16k + 15 of every pixel's row as one 64-byte line (lanes past H zero), so that one
  ;; panel (49 KiB) stays in the L1 cache while a block of images walks it; then b1 in the same
  ;; width. $wp: ceil(H / 16) · 784 · 64 + ceil(H / 16) · 64 bytes.
  (func (export "pack") (param $P i32) (param $H i32) (param $wp i32)
    (local $rowBytes i32) (local $vecs i32) (local $p i32) (local $v i32) (local $src i32) (local $b1p i32)
    (local.set $rowBytes (i32.shl (local.get $H) (i32.const 2)))
    ;; vectors of 4 per row, rounded up to whole panels
    (local.set $vecs (i32.shl (i32.shr_u (i32.add (local.get $H) (i32.const 15)) (i32.const 4)) (i32.const 2)))
    (local.set $b1p (i32.add (local.get $wp) (i32.mul (i32.shr_u (local.get $vecs) (i32.const 2)) (i32.const 50176))))
    (local.set $p (i32.const 0))
    (block $pdone (loop $ploop
      (br_if $pdone (i32.gt_u (local.get $p) (i32.const 784)))
      ;; row 784 is b1, stored after the panels
      (local.set $src (i32.add (local.get $P) (i32.mul (local.get $p) (local.get $rowBytes))))
      (local.set $v (i32.const 0))
      (block $vdone (loop $vloop
        (br_if $vdone (i32.ge_u (local.get $v) (local.get $vecs)))
        (v128.store
          (if (result i32) (i32.eq (local.get $p) (i32.const 784))
            (then (i32.add (local.get $b1p) (i32.shl (local.get $v) (i32.const 4))))
            (else (i32.add (local.get $wp)
              (i32.add (i32.mul (i32.shr_u (local.get $v) (i32.const 2)) (i32.const 50176))
                (i32.add (i32.shl (local.get $p) (i32.const 6)) (i32.shl (i32.and (local.get $v) (i32.const 3)) (i32.const 4)))))))
          (v128.and (v128.load (i32.add (local.get $src) (i32.shl (local.get $v) (i32.const 4))))
            (i32x4.lt_s (i32x4.add (i32x4.splat (i32.shl (local.get $v) (i32.const 2))) (v128.const i32x4 0 1 2 3))
              (i32x4.splat (local.get $H)))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $vloop)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $ploop))))

  ;; The first Affine of n images for an evaluation, from the panels `pack` made and lists whose
  ;; entries hold p · 64: z[r] = max(b1 + Σ x · W1[p], $lo) one panel at a time for blocks of 256
  ;; images (their lists stay in the L2 cache, the panel in L1). Two pixels per turn go into one set of accumulators, x0 · w0 + x1 · w1 added at once:
  ;; half the dependent additions per pixel, and no registers spilt.
  (func (export "forwardPacked") (param $P i32) (param $H i32) (param $n i32) (param $nz i32) (param $starts i32)
    (param $z i32) (param $wp i32) (param $lo f32)
    (local $floor v128) (local $Hp4 i32) (local $b1p i32) (local $rb i32) (local $rEnd i32) (local $r i32) (local $zr i32) (local $e i32)
    (local $eEnd i32) (local $c i32) (local $Wk i32) (local $rest i32) (local $o0 i32) (local $o1 i32)
    (local $x0 v128) (local $x1 v128) (local $a0 v128) (local $a1 v128) (local $a2v v128) (local $a3 v128) (local $a4 v128)
    (local.set $floor (f32x4.splat (local.get $lo)))
    (local.set $Hp4 (i32.and (i32.add (i32.shl (local.get $H) (i32.const 2)) (i32.const 15)) (i32.const -16)))
    (local.set $b1p (i32.add (local.get $wp)
      (i32.mul (i32.shr_u (i32.add (local.get $H) (i32.const 15)) (i32.const 4)) (i32.const 50176))))
    (local.set $rb (i32.const 0))
    (block $bdone (loop $bloop
      (br_if $bdone (i32.ge_u (local.get $rb) (local.get $n)))
      (local.set $rEnd (i32.add (local.get $rb) (i32.const 256)))
      (if (i32.gt_u (local.get $rEnd) (local.get $n)) (then (local.set $rEnd (local.get $n))))
      (local.set $c (i32.const 0))
      (local.set $Wk (local.get $wp))
      (block $pdone (loop $ploop
        (br_if $pdone (i32.ge_u (local.get $c) (local.get $Hp4)))
        (local.set $rest (i32.sub (local.get $Hp4) (local.get $c)))
        (local.set $r (local.get $rb))
        (block $rdone (loop $rloop
          (br_if $rdone (i32.ge_u (local.get $r) (local.get $rEnd)))
          (local.set $e (i32.add (local.get $nz)
            (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
          (local.set $eEnd (i32.add (local.get $nz)
            (i32.shl (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
          (local.set $zr (i32.add (i32.add (local.get $z) (i32.mul (local.get $r) (local.get $Hp4))) (local.get $c)))
          (local.set $a0 (v128.load (i32.add (local.get $b1p) (local.get $c))))
          (local.set $a1 (v128.load offset=16 (i32.add (local.get $b1p) (local.get $c))))
          (local.set $a2v (v128.load offset=32 (i32.add (local.get $b1p) (local.get $c))))
          (local.set $a3 (v128.load offset=48 (i32.add (local.get $b1p) (local.get $c))))
          (if (i32.lt_u (local.get $rest) (i32.const 64))
            (then
              ;; the last panel's 1 to 3 vectors: one at a time (the row is still 64 bytes)
              (local.set $o1 (i32.const 0))
              (block $vdone (loop $vloop
                (br_if $vdone (i32.ge_u (local.get $o1) (local.get $rest)))
                (local.set $a0 (v128.load (i32.add (i32.add (local.get $b1p) (local.get $c)) (local.get $o1))))
                (local.set $a1 (v128.const i32x4 0 0 0 0))
                (local.set $e (i32.add (local.get $nz)
                  (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
                (local.set $o0 (i32.add (local.get $Wk) (local.get $o1)))
                (block $k1done (loop $k1loop
                  (br_if $k1done (i32.ge_u (i32.add (local.get $e) (i32.const 8)) (local.get $eEnd)))
                  (local.set $a0 (MADD (v128.load32_splat offset=4 (local.get $e))
                    (v128.load (i32.add (i32.load (local.get $e)) (local.get $o0))) (local.get $a0)))
                  (local.set $a1 (MADD (v128.load32_splat offset=12 (local.get $e))
                    (v128.load (i32.add (i32.load offset=8 (local.get $e)) (local.get $o0))) (local.get $a1)))
                  (local.set $e (i32.add (local.get $e) (i32.const 16)))
                  (br $k1loop)))
                (if (i32.lt_u (local.get $e) (local.get $eEnd)) (then
                  (local.set $a0 (MADD (v128.load32_splat offset=4 (local.get $e))
                    (v128.load (i32.add (i32.load (local.get $e)) (local.get $o0))) (local.get $a0)))))
                (v128.store (i32.add (local.get $zr) (local.get $o1))
                  (f32x4.pmax (f32x4.add (local.get $a0) (local.get $a1)) (local.get $floor)))
                (local.set $o1 (i32.add (local.get $o1) (i32.const 16)))
                (br $vloop))))
            (else
              (if (i32.eq (local.get $rest) (i32.const 80))
                (then
                  ;; 4 vectors and the last one (the next panel's first): one pass, one pixel per turn
                  (local.set $a4 (v128.load offset=64 (i32.add (local.get $b1p) (local.get $c))))
                  (block $k5done (loop $k5loop
                    (br_if $k5done (i32.ge_u (local.get $e) (local.get $eEnd)))
                    (local.set $o0 (i32.add (i32.load (local.get $e)) (local.get $Wk)))
                    (local.set $x0 (v128.load32_splat offset=4 (local.get $e)))
                    (local.set $a0 (MADD (local.get $x0) (v128.load (local.get $o0)) (local.get $a0)))
                    (local.set $a1 (MADD (local.get $x0) (v128.load offset=16 (local.get $o0)) (local.get $a1)))
                    (local.set $a2v (MADD (local.get $x0) (v128.load offset=32 (local.get $o0)) (local.get $a2v)))
                    (local.set $a3 (MADD (local.get $x0) (v128.load offset=48 (local.get $o0)) (local.get $a3)))
                    (local.set $a4 (MADD (local.get $x0) (v128.load offset=50176 (local.get $o0)) (local.get $a4)))
                    (local.set $e (i32.add (local.get $e) (i32.const 8)))
                    (br $k5loop)))
                  (v128.store offset=64 (local.get $zr) (f32x4.pmax (local.get $a4) (local.get $floor))))
                (else
                  (block $kdone (loop $kloop
                    (br_if $kdone (i32.ge_u (i32.add (local.get $e) (i32.const 8)) (local.get $eEnd)))
                    (local.set $o0 (i32.add (i32.load (local.get $e)) (local.get $Wk)))
                    (local.set $o1 (i32.add (i32.load offset=8 (local.get $e)) (local.get $Wk)))
                    (local.set $x0 (v128.load32_splat offset=4 (local.get $e)))
                    (local.set $x1 (v128.load32_splat offset=12 (local.get $e)))
                    (local.set $a0 (f32x4.add (local.get $a0) (MADD (local.get $x1) (v128.load (local.get $o1))
                      (f32x4.mul (local.get $x0) (v128.load (local.get $o0))))))
                    (local.set $a1 (f32x4.add (local.get $a1) (MADD (local.get $x1) (v128.load offset=16 (local.get $o1))
                      (f32x4.mul (local.get $x0) (v128.load offset=16 (local.get $o0))))))
                    (local.set $a2v (f32x4.add (local.get $a2v) (MADD (local.get $x1) (v128.load offset=32 (local.get $o1))
                      (f32x4.mul (local.get $x0) (v128.load offset=32 (local.get $o0))))))
                    (local.set $a3 (f32x4.add (local.get $a3) (MADD (local.get $x1) (v128.load offset=48 (local.get $o1))
                      (f32x4.mul (local.get $x0) (v128.load offset=48 (local.get $o0))))))
                    (local.set $e (i32.add (local.get $e) (i32.const 16)))
                    (br $kloop)))
                  (if (i32.lt_u (local.get $e) (local.get $eEnd)) (then
                    (local.set $o0 (i32.add (i32.load (local.get $e)) (local.get $Wk)))
                    (local.set $x0 (v128.load32_splat offset=4 (local.get $e)))
                    (local.set $a0 (MADD (local.get $x0) (v128.load (local.get $o0)) (local.get $a0)))
                    (local.set $a1 (MADD (local.get $x0) (v128.load offset=16 (local.get $o0)) (local.get $a1)))
                    (local.set $a2v (MADD (local.get $x0) (v128.load offset=32 (local.get $o0)) (local.get $a2v)))
                    (local.set $a3 (MADD (local.get $x0) (v128.load offset=48 (local.get $o0)) (local.get $a3)))))))
              ;; ReLU, fused into the stores
              (v128.store (local.get $zr) (f32x4.pmax (local.get $a0) (local.get $floor)))
              (v128.store offset=16 (local.get $zr) (f32x4.pmax (local.get $a1) (local.get $floor)))
              (v128.store offset=32 (local.get $zr) (f32x4.pmax (local.get $a2v) (local.get $floor)))
              (v128.store offset=48 (local.get $zr) (f32x4.pmax (local.get $a3) (local.get $floor)))))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $rloop)))
        (if (i32.eq (local.get $rest) (i32.const 80)) (then
          (local.set $c (i32.add (local.get $c) (i32.const 16)))
          (local.set $Wk (i32.add (local.get $Wk) (i32.const 50176)))))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))
        (local.set $Wk (i32.add (local.get $Wk) (i32.const 50176)))
        (br $ploop)))
      (local.set $rb (local.get $rEnd))
      (br $bloop)))
)

  ;; z[r] = max(b1 + Σ x · W1[p], $lo) over image r's list ($lo = 0: ReLU; −∞: the affine
  ;; output itself, for batch norm or a sigmoid).
  (func (export "forward") (param $P i32) (param $H i32) (param $n i32) (param $nz i32) (param $starts i32) (param $z i32)
    (param $lo f32)
    (local $floor v128) (local $rowBytes i32) (local $Hp4 i32) (local $b1 i32)
    (local $r i32) (local $zr i32) (local $e0 i32) (local $e i32) (local $eEnd i32) (local $c i32) (local $Wc i32)
    (local $o0 i32) (local $o1 i32) (local $x0 v128) (local $x1 v128)
    (local $a0 v128) (local $a1 v128) (local $a2v v128) (local $a3 v128)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local.set $floor (f32x4.splat (local.get $lo)))
    (local.set $rowBytes (i32.shl (local.get $H) (i32.const 2)))
    (local.set $Hp4 (i32.and (i32.add (local.get $rowBytes) (i32.const 15)) (i32.const -16)))
    (local.set $b1 (i32.add (local.get $P) (i32.mul (local.get $rowBytes) (i32.const 784))))
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $zr (i32.add (local.get $z) (i32.mul (local.get $r) (local.get $Hp4))))
      (local.set $e0 (i32.add (local.get $nz)
        (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
      (local.set $eEnd (i32.add (local.get $nz)
        (i32.shl (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
      (local.set $c (i32.const 0))
      ;; 16 outputs at a time, two pixels per turn (two sets of accumulators hide the latency)
      (block $cdone (loop $cloop
        (br_if $cdone (i32.gt_u (i32.add (local.get $c) (i32.const 64)) (local.get $Hp4)))
        (local.set $Wc (i32.add (local.get $P) (local.get $c)))
        (local.set $a0 (v128.load (i32.add (local.get $b1) (local.get $c))))
        (local.set $a1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $c))))
        (local.set $a2v (v128.load offset=32 (i32.add (local.get $b1) (local.get $c))))
        (local.set $a3 (v128.load offset=48 (i32.add (local.get $b1) (local.get $c))))
        (local.set $q0 (v128.const i32x4 0 0 0 0))
        (local.set $q1 (v128.const i32x4 0 0 0 0))
        (local.set $q2 (v128.const i32x4 0 0 0 0))
        (local.set $q3 (v128.const i32x4 0 0 0 0))
        (local.set $e (local.get $e0))
        (block $kdone (loop $kloop
          (br_if $kdone (i32.ge_u (i32.add (local.get $e) (i32.const 8)) (local.get $eEnd)))
          (local.set $o0 (i32.add (i32.load (local.get $e)) (local.get $Wc)))
          (local.set $o1 (i32.add (i32.load offset=8 (local.get $e)) (local.get $Wc)))
          (local.set $x0 (v128.load32_splat offset=4 (local.get $e)))
          (local.set $x1 (v128.load32_splat offset=12 (local.get $e)))
          (local.set $a0 (MADD (local.get $x0) (v128.load (local.get $o0)) (local.get $a0)))
          (local.set $a1 (MADD (local.get $x0) (v128.load offset=16 (local.get $o0)) (local.get $a1)))
          (local.set $a2v (MADD (local.get $x0) (v128.load offset=32 (local.get $o0)) (local.get $a2v)))
          (local.set $a3 (MADD (local.get $x0) (v128.load offset=48 (local.get $o0)) (local.get $a3)))
          (local.set $q0 (MADD (local.get $x1) (v128.load (local.get $o1)) (local.get $q0)))
          (local.set $q1 (MADD (local.get $x1) (v128.load offset=16 (local.get $o1)) (local.get $q1)))
          (local.set $q2 (MADD (local.get $x1) (v128.load offset=32 (local.get $o1)) (local.get $q2)))
          (local.set $q3 (MADD (local.get $x1) (v128.load offset=48 (local.get $o1)) (local.get $q3)))
          (local.set $e (i32.add (local.get $e) (i32.const 16)))
          (br $kloop)))
        (if (i32.lt_u (local.get $e) (local.get $eEnd)) (then
          (local.set $o0 (i32.add (i32.load (local.get $e)) (local.get $Wc)))
          (local.set $x0 (v128.load32_splat offset=4 (local.get $e)))
          (local.set $a0 (MADD (local.get $x0) (v128.load (local.get $o0)) (local.get $a0)))
          (local.set $a1 (MADD (local.get $x0) (v128.load offset=16 (local.get $o0)) (local.get $a1)))
          (local.set $a2v (MADD (local.get $x0) (v128.load offset=32 (local.get $o0)) (local.get $a2v)))
          (local.set $a3 (MADD (local.get $x0) (v128.load offset=48 (local.get $o0)) (local.get $a3)))))
        ;; ReLU, fused into the store
        (v128.store (i32.add (local.get $zr) (local.get $c))
          (f32x4.pmax (f32x4.add (local.get $a0) (local.get $q0)) (local.get $floor)))
        (v128.store offset=16 (i32.add (local.get $zr) (local.get $c))
          (f32x4.pmax (f32x4.add (local.get $a1) (local.get $q1)) (local.get $floor)))
        (v128.store offset=32 (i32.add (local.get $zr) (local.get $c))
          (f32x4.pmax (f32x4.add (local.get $a2v) (local.get $q2)) (local.get $floor)))
        (v128.store offset=48 (i32.add (local.get $zr) (local.get $c))
          (f32x4.pmax (f32x4.add (local.get $a3) (local.get $q3)) (local.get $floor)))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))
        (br $cloop)))
      ;; then 4 outputs at a time
      (block $vdone (loop $vloop
        (br_if $vdone (i32.ge_u (local.get $c) (local.get $Hp4)))
        (local.set $Wc (i32.add (local.get $P) (local.get $c)))
        (local.set $a0 (v128.load (i32.add (local.get $b1) (local.get $c))))
        (local.set $q0 (v128.const i32x4 0 0 0 0))
        (local.set $e (local.get $e0))
        (block $kdone2 (loop $kloop2
          (br_if $kdone2 (i32.ge_u (i32.add (local.get $e) (i32.const 8)) (local.get $eEnd)))
          (local.set $a0 (MADD (v128.load32_splat offset=4 (local.get $e))
            (v128.load (i32.add (i32.load (local.get $e)) (local.get $Wc))) (local.get $a0)))
          (local.set $q0 (MADD (v128.load32_splat offset=12 (local.get $e))
            (v128.load (i32.add (i32.load offset=8 (local.get $e)) (local.get $Wc))) (local.get $q0)))
          (local.set $e (i32.add (local.get $e) (i32.const 16)))
          (br $kloop2)))
        (if (i32.lt_u (local.get $e) (local.get $eEnd)) (then
          (local.set $a0 (MADD (v128.load32_splat offset=4 (local.get $e))
            (v128.load (i32.add (i32.load (local.get $e)) (local.get $Wc))) (local.get $a0)))))
        (v128.store (i32.add (local.get $zr) (local.get $c))
          (f32x4.pmax (f32x4.add (local.get $a0) (local.get $q0)) (local.get $floor)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $vloop)))
      ;; the pad lanes of z[r] hold whatever the next row's weights gave: zero them
      (local.set $c (local.get $rowBytes))
      (block $pdone (loop $ploop
        (br_if $pdone (i32.ge_u (local.get $c) (local.get $Hp4)))
        (f32.store (i32.add (local.get $zr) (local.get $c)) (f32.const 0))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $ploop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
)

  ;; The first Affine's backward over the pixel lists, from da (n × Hp, rows Hp4 bytes apart):
  ;; db1 = Σ da and dW1 = xᵀ·da, into G = dW1 (784 × H) | db1. $acc = 0 overwrites, 1 adds.
  (func $sparseBack (export "sparseBackward") (param $G i32) (param $H i32) (param $n i32) (param $nz i32) (param $starts i32)
    (param $da i32) (param $acc i32)
    (local $rowBytes i32) (local $Hp4 i32) (local $db1 i32) (local $c i32) (local $r i32) (local $w i32) (local $ar i32)
    (local $e i32) (local $eEnd i32) (local $s v128) (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $wc i32)
    (local.set $rowBytes (i32.shl (local.get $H) (i32.const 2)))
    (local.set $Hp4 (i32.and (i32.add (local.get $rowBytes) (i32.const 15)) (i32.const -16)))
    (local.set $db1 (i32.add (local.get $G) (i32.mul (local.get $rowBytes) (i32.const 784))))
    ;; first layer: db1 and dW1 (the last vector of a row adds x · 0 to the next row's first lanes)
    (if (i32.eqz (local.get $acc)) (then
      (memory.fill (local.get $G) (i32.const 0) (i32.mul (local.get $rowBytes) (i32.const 785)))))
    (local.set $c (i32.const 0))
    (block $b1done (loop $b1loop
      (br_if $b1done (i32.ge_u (local.get $c) (local.get $Hp4)))
      (local.set $s (v128.load (i32.add (local.get $db1) (local.get $c))))
      (local.set $ar (i32.add (local.get $da) (local.get $c)))
      (local.set $r (i32.const 0))
      (block $b1rdone (loop $b1rloop
        (br_if $b1rdone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $ar))))
        (local.set $ar (i32.add (local.get $ar) (local.get $Hp4)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $b1rloop)))
      (v128.store (i32.add (local.get $db1) (local.get $c)) (local.get $s))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $b1loop)))
    (local.set $r (i32.const 0))
    (block $rdone2 (loop $rloop2
      (br_if $rdone2 (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $ar (i32.add (local.get $da) (i32.mul (local.get $r) (local.get $Hp4))))
      (local.set $eEnd (i32.add (local.get $nz)
        (i32.shl (i32.load offset=4 (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.gt_u (i32.add (local.get $c) (i32.const 64)) (local.get $Hp4)))
        (local.set $d0 (v128.load (i32.add (local.get $ar) (local.get $c))))
        (local.set $d1 (v128.load offset=16 (i32.add (local.get $ar) (local.get $c))))
        (local.set $d2 (v128.load offset=32 (i32.add (local.get $ar) (local.get $c))))
        (local.set $d3 (v128.load offset=48 (i32.add (local.get $ar) (local.get $c))))
        (local.set $wc (i32.add (local.get $G) (local.get $c)))
        (local.set $e (i32.add (local.get $nz)
          (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
        (block $kdone (loop $kloop
          (br_if $kdone (i32.ge_u (local.get $e) (local.get $eEnd)))
          (local.set $w (i32.add (i32.load (local.get $e)) (local.get $wc)))
          (local.set $s (v128.load32_splat offset=4 (local.get $e)))
          (v128.store (local.get $w) (MADD (local.get $s) (local.get $d0) (v128.load (local.get $w))))
          (v128.store offset=16 (local.get $w) (MADD (local.get $s) (local.get $d1) (v128.load offset=16 (local.get $w))))
          (v128.store offset=32 (local.get $w) (MADD (local.get $s) (local.get $d2) (v128.load offset=32 (local.get $w))))
          (v128.store offset=48 (local.get $w) (MADD (local.get $s) (local.get $d3) (v128.load offset=48 (local.get $w))))
          (local.set $e (i32.add (local.get $e) (i32.const 8)))
          (br $kloop)))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))
        (br $cloop)))
      (block $vdone (loop $vloop
        (br_if $vdone (i32.ge_u (local.get $c) (local.get $Hp4)))
        (local.set $d0 (v128.load (i32.add (local.get $ar) (local.get $c))))
        (local.set $wc (i32.add (local.get $G) (local.get $c)))
        (local.set $e (i32.add (local.get $nz)
          (i32.shl (i32.load (i32.add (local.get $starts) (i32.shl (local.get $r) (i32.const 2)))) (i32.const 3))))
        (block $kdone2 (loop $kloop2
          (br_if $kdone2 (i32.ge_u (local.get $e) (local.get $eEnd)))
          (local.set $w (i32.add (i32.load (local.get $e)) (local.get $wc)))
          (v128.store (local.get $w) (MADD (v128.load32_splat offset=4 (local.get $e)) (local.get $d0) (v128.load (local.get $w))))
          (local.set $e (i32.add (local.get $e) (i32.const 8)))
          (br $kloop2)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $vloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop2))))


  ;; The dense layers: C = A·B (+ bias, or + C when $acc) for rows r < m rounded up to 4 (the
  ;; buffers have room for the extra rows; no caller reads them) and $ncols columns (a multiple
  ;; of 4; pads of B and bias are zero, so C's pads are too). Strides in bytes: A[i, k] is at
  ;; A + i·lda + k·sk, so Xᵀ·dY (a weight's gradient) reads X as it is (lda 4, sk its row). Blocks of 4
  ;; rows × 8 columns: each B vector loaded serves 4 rows, 8 accumulators stay in registers.
  (func (export "mm") (param $A i32) (param $lda i32) (param $sk i32) (param $B i32) (param $ldb i32) (param $C i32) (param $ldc i32)
    (param $m i32) (param $k i32) (param $ncols i32) (param $bias i32) (param $acc i32)
    (local $r i32) (local $c i32) (local $kk i32) (local $a i32) (local $b i32) (local $cp i32) (local $cb i32)
    (local $l1 i32) (local $l2 i32) (local $l3 i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (local.set $cb (i32.shl (local.get $ncols) (i32.const 2)))
    (local.set $l1 (local.get $lda))
    (local.set $l2 (i32.shl (local.get $lda) (i32.const 1)))
    (local.set $l3 (i32.mul (local.get $lda) (i32.const 3)))
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $m)))
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.gt_u (i32.add (local.get $c) (i32.const 32)) (local.get $cb)))
        (local.set $cp (i32.add (i32.add (local.get $C) (i32.mul (local.get $r) (local.get $ldc))) (local.get $c)))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load offset=0 (local.get $cp)))
            (local.set $c01 (v128.load offset=16 (local.get $cp)))
            (local.set $c10 (v128.load offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 1)))))
            (local.set $c11 (v128.load offset=16 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 1)))))
            (local.set $c20 (v128.load offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 2)))))
            (local.set $c21 (v128.load offset=16 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 2)))))
            (local.set $c30 (v128.load offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3)))))
            (local.set $c31 (v128.load offset=16 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3)))))
          )
          (else
            (if (local.get $bias)
              (then
                (local.set $c00 (v128.load offset=0 (i32.add (local.get $bias) (local.get $c))))
                (local.set $c01 (v128.load offset=16 (i32.add (local.get $bias) (local.get $c))))
              )
              (else
                (local.set $c00 (v128.const i32x4 0 0 0 0))
                (local.set $c01 (v128.const i32x4 0 0 0 0))
              ))
            (local.set $c10 (local.get $c00))
            (local.set $c11 (local.get $c01))
            (local.set $c20 (local.get $c00))
            (local.set $c21 (local.get $c01))
            (local.set $c30 (local.get $c00))
            (local.set $c31 (local.get $c01))
          ))
        (local.set $a (i32.add (local.get $A) (i32.mul (local.get $r) (local.get $lda))))
        (local.set $b (i32.add (local.get $B) (local.get $c)))
        (local.set $kk (i32.const 0))
        (block $kd8 (loop $kl8
          (br_if $kd8 (i32.ge_u (local.get $kk) (local.get $k)))
          (local.set $b0 (v128.load offset=0 (local.get $b)))
          (local.set $b1 (v128.load offset=16 (local.get $b)))
          (local.set $s (v128.load32_splat (local.get $a)))
          (local.set $c00 (MADD (local.get $s) (local.get $b0) (local.get $c00)))
          (local.set $c01 (MADD (local.get $s) (local.get $b1) (local.get $c01)))
          (local.set $s (v128.load32_splat (i32.add (local.get $a) (local.get $l1))))
          (local.set $c10 (MADD (local.get $s) (local.get $b0) (local.get $c10)))
          (local.set $c11 (MADD (local.get $s) (local.get $b1) (local.get $c11)))
          (local.set $s (v128.load32_splat (i32.add (local.get $a) (local.get $l2))))
          (local.set $c20 (MADD (local.get $s) (local.get $b0) (local.get $c20)))
          (local.set $c21 (MADD (local.get $s) (local.get $b1) (local.get $c21)))
          (local.set $s (v128.load32_splat (i32.add (local.get $a) (local.get $l3))))
          (local.set $c30 (MADD (local.get $s) (local.get $b0) (local.get $c30)))
          (local.set $c31 (MADD (local.get $s) (local.get $b1) (local.get $c31)))
          (local.set $a (i32.add (local.get $a) (local.get $sk)))
          (local.set $b (i32.add (local.get $b) (local.get $ldb)))
          (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
          (br $kl8)))
        (v128.store offset=0 (local.get $cp) (local.get $c00))
        (v128.store offset=16 (local.get $cp) (local.get $c01))
        (v128.store offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c10))
        (v128.store offset=16 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c11))
        (v128.store offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c20))
        (v128.store offset=16 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c21))
        (v128.store offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30))
        (v128.store offset=16 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c31))
        (local.set $c (i32.add (local.get $c) (i32.const 32)))
        (br $cloop)))
      (if (i32.lt_u (local.get $c) (local.get $cb)) (then
        (local.set $cp (i32.add (i32.add (local.get $C) (i32.mul (local.get $r) (local.get $ldc))) (local.get $c)))
        (if (local.get $acc)
          (then
            (local.set $c00 (v128.load offset=0 (local.get $cp)))
            (local.set $c10 (v128.load offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 1)))))
            (local.set $c20 (v128.load offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 2)))))
            (local.set $c30 (v128.load offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3)))))
          )
          (else
            (if (local.get $bias)
              (then
                (local.set $c00 (v128.load offset=0 (i32.add (local.get $bias) (local.get $c))))
              )
              (else
                (local.set $c00 (v128.const i32x4 0 0 0 0))
              ))
            (local.set $c10 (local.get $c00))
            (local.set $c20 (local.get $c00))
            (local.set $c30 (local.get $c00))
          ))
        (local.set $a (i32.add (local.get $A) (i32.mul (local.get $r) (local.get $lda))))
        (local.set $b (i32.add (local.get $B) (local.get $c)))
        (local.set $kk (i32.const 0))
        (block $kd4 (loop $kl4
          (br_if $kd4 (i32.ge_u (local.get $kk) (local.get $k)))
          (local.set $b0 (v128.load offset=0 (local.get $b)))
          (local.set $s (v128.load32_splat (local.get $a)))
          (local.set $c00 (MADD (local.get $s) (local.get $b0) (local.get $c00)))
          (local.set $s (v128.load32_splat (i32.add (local.get $a) (local.get $l1))))
          (local.set $c10 (MADD (local.get $s) (local.get $b0) (local.get $c10)))
          (local.set $s (v128.load32_splat (i32.add (local.get $a) (local.get $l2))))
          (local.set $c20 (MADD (local.get $s) (local.get $b0) (local.get $c20)))
          (local.set $s (v128.load32_splat (i32.add (local.get $a) (local.get $l3))))
          (local.set $c30 (MADD (local.get $s) (local.get $b0) (local.get $c30)))
          (local.set $a (i32.add (local.get $a) (local.get $sk)))
          (local.set $b (i32.add (local.get $b) (local.get $ldb)))
          (local.set $kk (i32.add (local.get $kk) (i32.const 1)))
          (br $kl4)))
        (v128.store offset=0 (local.get $cp) (local.get $c00))
        (v128.store offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 1))) (local.get $c10))
        (v128.store offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 2))) (local.get $c20))
        (v128.store offset=0 (i32.add (local.get $cp) (i32.mul (local.get $ldc) (i32.const 3))) (local.get $c30))))
      (local.set $r (i32.add (local.get $r) (i32.const 4)))
      (br $rloop))))

  ;; dst[j, i] = src[i, j] for i < rows, j < cols (strides in bytes): Wᵀ for dX = dY·Wᵀ, Xᵀ for dW = Xᵀ·dY.
  (func (export "transpose") (param $src i32) (param $ss i32) (param $rows i32) (param $cols i32) (param $dst i32) (param $ds i32)
    (local $i i32) (local $j i32) (local $sp i32) (local $dp i32)
    (local.set $i (i32.const 0))
    (block $idone (loop $iloop
      (br_if $idone (i32.ge_u (local.get $i) (local.get $rows)))
      (local.set $sp (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $ss))))
      (local.set $dp (i32.add (local.get $dst) (i32.shl (local.get $i) (i32.const 2))))
      (local.set $j (i32.const 0))
      (block $jdone (loop $jloop
        (br_if $jdone (i32.ge_u (local.get $j) (local.get $cols)))
        (f32.store (local.get $dp) (f32.load (local.get $sp)))
        (local.set $sp (i32.add (local.get $sp) (i32.const 4)))
        (local.set $dp (i32.add (local.get $dp) (local.get $ds)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $jloop)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $iloop))))

  ;; dst[c] = (dst[c] when $acc) + Σ_{r < n} src[r, c] for c < ncols (a multiple of 4): a bias's gradient.
  (func (export "colsum") (param $src i32) (param $ss i32) (param $n i32) (param $ncols i32) (param $dst i32) (param $acc i32)
    (local $c i32) (local $r i32) (local $p i32) (local $s v128)
    (local.set $c (i32.const 0))
    (block $cdone (loop $cloop
      (br_if $cdone (i32.ge_u (local.get $c) (i32.shl (local.get $ncols) (i32.const 2))))
      (local.set $s (if (result v128) (local.get $acc)
        (then (v128.load (i32.add (local.get $dst) (local.get $c)))) (else (v128.const i32x4 0 0 0 0))))
      (local.set $p (i32.add (local.get $src) (local.get $c)))
      (local.set $r (i32.const 0))
      (block $rdone (loop $rloop
        (br_if $rdone (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $s (f32x4.add (local.get $s) (v128.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $ss)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rloop)))
      (v128.store (i32.add (local.get $dst) (local.get $c)) (local.get $s))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $cloop))))

  ;; x[i] = max(x[i], 0) for i < count (a multiple of 4): ReLU in place.
  (func (export "relu") (param $x i32) (param $count i32)
    (local $i i32)
    (local.set $i (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (i32.shl (local.get $count) (i32.const 2))))
      (v128.store (i32.add (local.get $x) (local.get $i))
        (f32x4.pmax (v128.load (i32.add (local.get $x) (local.get $i))) (v128.const f32x4 0 0 0 0)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop))))

  ;; d[i] = d[i] where z[i] > 0, else 0, for i < count (a multiple of 4): ReLU's backward.
  (func (export "reluBack") (param $z i32) (param $d i32) (param $count i32)
    (local $i i32)
    (local.set $i (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (i32.shl (local.get $count) (i32.const 2))))
      (v128.store (i32.add (local.get $d) (local.get $i))
        (v128.and (v128.load (i32.add (local.get $d) (local.get $i)))
          (f32x4.gt (v128.load (i32.add (local.get $z) (local.get $i))) (v128.const f32x4 0 0 0 0))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop))))

  ;; The book's optimizers (common/optimizer.py) on count floats (a multiple of 4) from P, in its
  ;; order of operations: g = G0 (+ G1 when $both: two half-batch gradients) + λ·P (weight
  ;; decay); $kind 0 SGD, 1 Momentum (v = αv − lr·g; p += v), 2 Nesterov, 3 AdaGrad, 4 RMSprop
  ;; ($a the decay rate), 5 Adam ($lr the bias-corrected lr_t, $a β1, $b β2). S0, S1: the states.
  (func (export "optimize") (param $kind i32) (param $P i32) (param $G0 i32) (param $G1 i32) (param $both i32)
    (param $S0 i32) (param $S1 i32) (param $count i32) (param $lrs f32) (param $as f32) (param $bs f32) (param $lams f32)
    (local $i i32) (local $end i32) (local $g v128) (local $s v128) (local $v v128) (local $p v128)
    (local $lr v128) (local $a v128) (local $aa v128) (local $a1lr v128) (local $oneA v128) (local $oneB v128) (local $lam v128)
    (local.set $lr (f32x4.splat (local.get $lrs)))
    (local.set $a (f32x4.splat (local.get $as)))
    (local.set $aa (f32x4.splat (f32.mul (local.get $as) (local.get $as))))
    (local.set $a1lr (f32x4.splat (f32.mul (f32.add (f32.const 1) (local.get $as)) (local.get $lrs))))
    (local.set $oneA (f32x4.splat (f32.sub (f32.const 1) (local.get $as))))
    (local.set $oneB (f32x4.splat (f32.sub (f32.const 1) (local.get $bs))))
    (local.set $lam (f32x4.splat (local.get $lams)))
    (local.set $end (i32.shl (local.get $count) (i32.const 2)))
    (local.set $i (i32.const 0))
    (if (i32.eq (local.get $kind) (i32.const 0)) (then
      (block $d0 (loop $l0
        (br_if $d0 (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (f32x4.add (if (result v128) (local.get $both)
          (then (f32x4.add (v128.load (i32.add (local.get $G0) (local.get $i))) (v128.load (i32.add (local.get $G1) (local.get $i)))))
          (else (v128.load (i32.add (local.get $G0) (local.get $i)))))
          (f32x4.mul (local.get $lam) (v128.load (i32.add (local.get $P) (local.get $i))))))
        (v128.store (i32.add (local.get $P) (local.get $i)) (f32x4.sub (v128.load (i32.add (local.get $P) (local.get $i))) (f32x4.mul (local.get $lr) (local.get $g))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l0)))))
    (if (i32.eq (local.get $kind) (i32.const 1)) (then
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (f32x4.add (if (result v128) (local.get $both)
          (then (f32x4.add (v128.load (i32.add (local.get $G0) (local.get $i))) (v128.load (i32.add (local.get $G1) (local.get $i)))))
          (else (v128.load (i32.add (local.get $G0) (local.get $i)))))
          (f32x4.mul (local.get $lam) (v128.load (i32.add (local.get $P) (local.get $i))))))
        (v128.store (i32.add (local.get $S0) (local.get $i)) (f32x4.sub (f32x4.mul (local.get $a) (v128.load (i32.add (local.get $S0) (local.get $i)))) (f32x4.mul (local.get $lr) (local.get $g))))
        (v128.store (i32.add (local.get $P) (local.get $i)) (f32x4.add (v128.load (i32.add (local.get $P) (local.get $i))) (v128.load (i32.add (local.get $S0) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l1)))))
    (if (i32.eq (local.get $kind) (i32.const 2)) (then
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (f32x4.add (if (result v128) (local.get $both)
          (then (f32x4.add (v128.load (i32.add (local.get $G0) (local.get $i))) (v128.load (i32.add (local.get $G1) (local.get $i)))))
          (else (v128.load (i32.add (local.get $G0) (local.get $i)))))
          (f32x4.mul (local.get $lam) (v128.load (i32.add (local.get $P) (local.get $i))))))
        (local.set $s (f32x4.mul (v128.load (i32.add (local.get $S0) (local.get $i))) (local.get $a)))
        (local.set $s (f32x4.sub (local.get $s) (f32x4.mul (local.get $lr) (local.get $g))))
        (v128.store (i32.add (local.get $S0) (local.get $i)) (local.get $s))
        (local.set $p (f32x4.add (v128.load (i32.add (local.get $P) (local.get $i))) (f32x4.mul (local.get $aa) (local.get $s))))
        (v128.store (i32.add (local.get $P) (local.get $i)) (f32x4.sub (local.get $p) (f32x4.mul (local.get $a1lr) (local.get $g))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l2)))))
    (if (i32.eq (local.get $kind) (i32.const 3)) (then
      (block $d3 (loop $l3
        (br_if $d3 (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (f32x4.add (if (result v128) (local.get $both)
          (then (f32x4.add (v128.load (i32.add (local.get $G0) (local.get $i))) (v128.load (i32.add (local.get $G1) (local.get $i)))))
          (else (v128.load (i32.add (local.get $G0) (local.get $i)))))
          (f32x4.mul (local.get $lam) (v128.load (i32.add (local.get $P) (local.get $i))))))
        (local.set $s (f32x4.add (v128.load (i32.add (local.get $S0) (local.get $i))) (f32x4.mul (local.get $g) (local.get $g))))
        (v128.store (i32.add (local.get $S0) (local.get $i)) (local.get $s))
        (v128.store (i32.add (local.get $P) (local.get $i)) (f32x4.sub (v128.load (i32.add (local.get $P) (local.get $i))) (f32x4.div (f32x4.mul (local.get $lr) (local.get $g)) (f32x4.add (f32x4.sqrt (local.get $s)) (v128.const f32x4 1e-7 1e-7 1e-7 1e-7)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l3)))))
    (if (i32.eq (local.get $kind) (i32.const 4)) (then
      (block $d4 (loop $l4
        (br_if $d4 (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (f32x4.add (if (result v128) (local.get $both)
          (then (f32x4.add (v128.load (i32.add (local.get $G0) (local.get $i))) (v128.load (i32.add (local.get $G1) (local.get $i)))))
          (else (v128.load (i32.add (local.get $G0) (local.get $i)))))
          (f32x4.mul (local.get $lam) (v128.load (i32.add (local.get $P) (local.get $i))))))
        (local.set $s (f32x4.mul (v128.load (i32.add (local.get $S0) (local.get $i))) (local.get $a)))
        (local.set $s (f32x4.add (local.get $s) (f32x4.mul (f32x4.mul (local.get $oneA) (local.get $g)) (local.get $g))))
        (v128.store (i32.add (local.get $S0) (local.get $i)) (local.get $s))
        (v128.store (i32.add (local.get $P) (local.get $i)) (f32x4.sub (v128.load (i32.add (local.get $P) (local.get $i))) (f32x4.div (f32x4.mul (local.get $lr) (local.get $g)) (f32x4.add (f32x4.sqrt (local.get $s)) (v128.const f32x4 1e-7 1e-7 1e-7 1e-7)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l4)))))
    (if (i32.eq (local.get $kind) (i32.const 5)) (then
      (block $d5 (loop $l5
        (br_if $d5 (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $g (f32x4.add (if (result v128) (local.get $both)
          (then (f32x4.add (v128.load (i32.add (local.get $G0) (local.get $i))) (v128.load (i32.add (local.get $G1) (local.get $i)))))
          (else (v128.load (i32.add (local.get $G0) (local.get $i)))))
          (f32x4.mul (local.get $lam) (v128.load (i32.add (local.get $P) (local.get $i))))))
        (local.set $s (f32x4.add (v128.load (i32.add (local.get $S0) (local.get $i))) (f32x4.mul (local.get $oneA) (f32x4.sub (local.get $g) (v128.load (i32.add (local.get $S0) (local.get $i)))))))
        (v128.store (i32.add (local.get $S0) (local.get $i)) (local.get $s))
        (local.set $v (f32x4.add (v128.load (i32.add (local.get $S1) (local.get $i))) (f32x4.mul (local.get $oneB) (f32x4.sub (f32x4.mul (local.get $g) (local.get $g)) (v128.load (i32.add (local.get $S1) (local.get $i)))))))
        (v128.store (i32.add (local.get $S1) (local.get $i)) (local.get $v))
        (v128.store (i32.add (local.get $P) (local.get $i)) (f32x4.sub (v128.load (i32.add (local.get $P) (local.get $i))) (f32x4.div (f32x4.mul (local.get $lr) (local.get $s)) (f32x4.add (f32x4.sqrt (local.get $v)) (v128.const f32x4 1e-7 1e-7 1e-7 1e-7)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $l5))))))

  ;; Batch normalization (the book's BatchNormalization) on columns [$c0, $c1) (multiples of 4)
  ;; of n rows $ss bytes apart, 4 columns at a time. Training ($train = 1): the batch's mean and
  ;; variance, std = √(var + ε) kept for backward, running averages updated (momentum $mo);
  ;; test: the running averages. xc = x − μ, xn = xc / std, out = γ·xn + β.
  (func (export "bnForward") (param $x i32) (param $xc i32) (param $xn i32) (param $out i32) (param $ss i32) (param $n i32)
    (param $c0 i32) (param $c1 i32) (param $gamma i32) (param $beta i32) (param $std i32) (param $rm i32) (param $rv i32)
    (param $train i32) (param $mo f32) (param $eps f32)
    (local $c i32) (local $r i32) (local $o i32) (local $sum v128) (local $mu v128) (local $var v128) (local $sd v128)
    (local $d v128) (local $inv v128) (local $g v128) (local $b v128) (local $t v128) (local $mov v128) (local $eps4 v128)
    (local.set $inv (f32x4.splat (f32.div (f32.const 1) (f32.convert_i32_u (local.get $n)))))
    (local.set $mov (f32x4.splat (local.get $mo)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $c (i32.shl (local.get $c0) (i32.const 2)))
    (block $cdone (loop $cloop
      (br_if $cdone (i32.ge_u (local.get $c) (i32.shl (local.get $c1) (i32.const 2))))
      (if (local.get $train)
        (then
          (local.set $sum (v128.const i32x4 0 0 0 0))
          (local.set $o (i32.add (local.get $x) (local.get $c)))
          (local.set $r (i32.const 0))
          (block $d1 (loop $l1
            (br_if $d1 (i32.ge_u (local.get $r) (local.get $n)))
            (local.set $sum (f32x4.add (local.get $sum) (v128.load (local.get $o))))
            (local.set $o (i32.add (local.get $o) (local.get $ss)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $l1)))
          (local.set $mu (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_u (local.get $n)))))
          (local.set $sum (v128.const i32x4 0 0 0 0))
          (local.set $o (i32.add (local.get $x) (local.get $c)))
          (local.set $r (i32.const 0))
          (block $d2 (loop $l2
            (br_if $d2 (i32.ge_u (local.get $r) (local.get $n)))
            (local.set $d (f32x4.sub (v128.load (local.get $o)) (local.get $mu)))
            (local.set $sum (f32x4.add (local.get $sum) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $o (i32.add (local.get $o) (local.get $ss)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $l2)))
          (local.set $var (f32x4.div (local.get $sum) (f32x4.splat (f32.convert_i32_u (local.get $n)))))
          (local.set $sd (f32x4.sqrt (f32x4.add (local.get $var) (local.get $eps4))))
          (v128.store (i32.add (local.get $std) (local.get $c)) (local.get $sd))
          (v128.store (i32.add (local.get $rm) (local.get $c))
            (f32x4.add (f32x4.mul (local.get $mov) (v128.load (i32.add (local.get $rm) (local.get $c))))
              (f32x4.mul (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $mov)) (local.get $mu))))
          (v128.store (i32.add (local.get $rv) (local.get $c))
            (f32x4.add (f32x4.mul (local.get $mov) (v128.load (i32.add (local.get $rv) (local.get $c))))
              (f32x4.mul (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $mov)) (local.get $var)))))
        (else
          (local.set $mu (v128.load (i32.add (local.get $rm) (local.get $c))))
          (local.set $sd (f32x4.sqrt (f32x4.add (v128.load (i32.add (local.get $rv) (local.get $c))) (local.get $eps4))))))
      (local.set $g (v128.load (i32.add (local.get $gamma) (local.get $c))))
      (local.set $b (v128.load (i32.add (local.get $beta) (local.get $c))))
      (local.set $o (local.get $c))
      (local.set $r (i32.const 0))
      (block $d3 (loop $l3
        (br_if $d3 (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $d (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $o))) (local.get $mu)))
        (v128.store (i32.add (local.get $xc) (local.get $o)) (local.get $d))
        (local.set $t (f32x4.div (local.get $d) (local.get $sd)))
        (v128.store (i32.add (local.get $xn) (local.get $o)) (local.get $t))
        (v128.store (i32.add (local.get $out) (local.get $o)) (f32x4.add (f32x4.mul (local.get $g) (local.get $t)) (local.get $b)))
        (local.set $o (i32.add (local.get $o) (local.get $ss)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $l3)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $cloop))))

  ;; Its backward, as the book's steps: dβ = Σ d, dγ = Σ xn·d, dxn = γ·d, dxc = dxn / std,
  ;; dstd = −Σ dxn·xc / std², dvar = ½·dstd / std, dxc += (2/n)·xc·dvar, dμ = Σ dxc,
  ;; dx = dxc − dμ/n, in place in d; dγ and dβ overwritten on columns [$c0, $c1).
  (func (export "bnBackward") (param $d i32) (param $xc i32) (param $xn i32) (param $ss i32) (param $n i32)
    (param $c0 i32) (param $c1 i32) (param $gamma i32) (param $std i32) (param $dgamma i32) (param $dbeta i32)
    (local $c i32) (local $r i32) (local $o i32) (local $sb v128) (local $sg v128) (local $sx v128) (local $dv v128)
    (local $g v128) (local $sd v128) (local $dxn v128) (local $dxc v128) (local $dmu v128) (local $two v128) (local $nv v128)
    (local.set $nv (f32x4.splat (f32.convert_i32_u (local.get $n))))
    (local.set $two (f32x4.div (v128.const f32x4 2 2 2 2) (local.get $nv)))
    (local.set $c (i32.shl (local.get $c0) (i32.const 2)))
    (block $cdone (loop $cloop
      (br_if $cdone (i32.ge_u (local.get $c) (i32.shl (local.get $c1) (i32.const 2))))
      (local.set $g (v128.load (i32.add (local.get $gamma) (local.get $c))))
      (local.set $sd (v128.load (i32.add (local.get $std) (local.get $c))))
      (local.set $sb (v128.const i32x4 0 0 0 0))
      (local.set $sg (v128.const i32x4 0 0 0 0))
      (local.set $sx (v128.const i32x4 0 0 0 0))
      (local.set $o (local.get $c))
      (local.set $r (i32.const 0))
      (block $d1 (loop $l1
        (br_if $d1 (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $dv (v128.load (i32.add (local.get $d) (local.get $o))))
        (local.set $sb (f32x4.add (local.get $sb) (local.get $dv)))
        (local.set $sg (f32x4.add (local.get $sg) (f32x4.mul (v128.load (i32.add (local.get $xn) (local.get $o))) (local.get $dv))))
        (local.set $sx (f32x4.add (local.get $sx)
          (f32x4.mul (f32x4.mul (local.get $g) (local.get $dv)) (v128.load (i32.add (local.get $xc) (local.get $o))))))
        (local.set $o (i32.add (local.get $o) (local.get $ss)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $l1)))
      (v128.store (i32.add (local.get $dbeta) (local.get $c)) (local.get $sb))
      (v128.store (i32.add (local.get $dgamma) (local.get $c)) (local.get $sg))
      ;; dvar = ½ · (−Σ dxn·xc / std²) / std
      (local.set $dv (f32x4.div (f32x4.mul (v128.const f32x4 0.5 0.5 0.5 0.5)
        (f32x4.neg (f32x4.div (local.get $sx) (f32x4.mul (local.get $sd) (local.get $sd))))) (local.get $sd)))
      (local.set $dmu (v128.const i32x4 0 0 0 0))
      (local.set $o (local.get $c))
      (local.set $r (i32.const 0))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $r) (local.get $n)))
        (local.set $dxn (f32x4.mul (local.get $g) (v128.load (i32.add (local.get $d) (local.get $o)))))
        (local.set $dxc (f32x4.add (f32x4.div (local.get $dxn) (local.get $sd))
          (f32x4.mul (f32x4.mul (local.get $two) (v128.load (i32.add (local.get $xc) (local.get $o)))) (local.get $dv))))
        (v128.store (i32.add (local.get $d) (local.get $o)) (local.get $dxc))
        (local.set $dmu (f32x4.add (local.get $dmu) (local.get $dxc)))
        (local.set $o (i32.add (local.get $o) (local.get $ss)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $l2)))
      (local.set $dmu (f32x4.div (local.get $dmu) (local.get $nv)))
      (local.set $o (local.get $c))
      (local.set $r (i32.const 0))
      (block $d3 (loop $l3
        (br_if $d3 (i32.ge_u (local.get $r) (local.get $n)))
        (v128.store (i32.add (local.get $d) (local.get $o)) (f32x4.sub (v128.load (i32.add (local.get $d) (local.get $o))) (local.get $dmu)))
        (local.set $o (i32.add (local.get $o) (local.get $ss)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $l3)))
      (local.set $c (i32.add (local.get $c) (i32.const 16)))
      (br $cloop))))

  ;; The book's dropout in training for n rows of $cols (a multiple of 4) floats, $ss bytes apart:
  ;; keep a unit where the hash of (seed, step, layer, row, column) exceeds $threshold
  ;; (ratio · 2³², unsigned); mask = 1.0 or 0.0, out = x · mask. The hash is net/fastNet.ts's
  ;; hash4: its first two rounds ($h2 per row, from $rowKey + r) in scalar, the rest per lane.
  (func (export "dropout") (param $x i32) (param $out i32) (param $mask i32) (param $ss i32) (param $n i32) (param $cols i32)
    (param $ab i32) (param $rowKey i32) (param $threshold i32)
    (local $r i32) (local $c i32) (local $o i32) (local $h i32) (local $v v128) (local $keep v128) (local $lane v128) (local $m v128)
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $h (i32.xor (i32.mul (i32.xor (local.get $ab) (i32.shr_u (local.get $ab) (i32.const 15))) (i32.const 0x2c1b3c6d))
        (i32.mul (i32.add (i32.add (local.get $rowKey) (local.get $r)) (i32.const 0x165667b1)) (i32.const 0x27d4eb2f))))
      (local.set $h (i32.mul (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))) (i32.const 0x85ebca6b)))
      (local.set $lane (v128.const i32x4 0 1 2 3))
      (local.set $o (i32.mul (local.get $r) (local.get $ss)))
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $v (v128.xor (i32x4.splat (local.get $h)) (local.get $lane)))
        (local.set $v (i32x4.mul (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 16))) (i32x4.splat (i32.const 0x85ebca6b))))
        (local.set $v (i32x4.mul (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 13))) (i32x4.splat (i32.const 0xc2b2ae35))))
        (local.set $v (v128.xor (local.get $v) (i32x4.shr_u (local.get $v) (i32.const 16))))
        (local.set $keep (i32x4.gt_u (local.get $v) (i32x4.splat (local.get $threshold))))
        (local.set $m (v128.and (local.get $keep) (v128.const f32x4 1 1 1 1)))
        (v128.store (i32.add (local.get $mask) (local.get $o)) (local.get $m))
        (v128.store (i32.add (local.get $out) (local.get $o)) (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $o))) (local.get $m)))
        (local.set $lane (i32x4.add (local.get $lane) (v128.const i32x4 4 4 4 4)))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $cloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))

  ;; y[i] = x[i] · s for i < count (a multiple of 4): dropout in a test (s = 1 − ratio).
  (func (export "scale") (param $x i32) (param $y i32) (param $count i32) (param $s f32)
    (local $i i32) (local $sv v128)
    (local.set $sv (f32x4.splat (local.get $s)))
    (local.set $i (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (i32.shl (local.get $count) (i32.const 2))))
      (v128.store (i32.add (local.get $y) (local.get $i)) (f32x4.mul (v128.load (i32.add (local.get $x) (local.get $i))) (local.get $sv)))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop))))

  ;; d[i] = d[i] · m[i] for i < count (a multiple of 4): dropout's backward.
  (func (export "mulInto") (param $d i32) (param $m i32) (param $count i32)
    (local $i i32)
    (local.set $i (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (i32.shl (local.get $count) (i32.const 2))))
      (v128.store (i32.add (local.get $d) (local.get $i))
        (f32x4.mul (v128.load (i32.add (local.get $d) (local.get $i))) (v128.load (i32.add (local.get $m) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop))))
)
