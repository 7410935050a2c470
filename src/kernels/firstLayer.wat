;; First-layer kernels of the two-layer net, WebAssembly SIMD (f32x4).
;; Images arrive as bytes (784 per image) and are scaled by 1/255 in the first pass; zero
;; pixels (~81% of MNIST) are skipped. H (the hidden size) need not be a multiple of 4: the
;; last H mod 4 columns take a scalar tail. MADD(a, b, c) = a*b + c is replaced by the build:
;; f32x4.mul then f32x4.add, or f32x4.relaxed_madd (fused where the CPU has FMA).
(module
  (memory (export "memory") 1)

  ;; z[r, :] = ReLU(b1 + Σ_p pix[r, p]/255 · W1[p, :]) for r < n.
  ;; Per image: first list its non-zero pixels (row offset into W1, value) in $nz, then walk
  ;; the output 16 floats at a time with four accumulators held in registers, so z is written
  ;; once per chunk instead of read and written once per pixel.
  (func (export "forward") (param $pix i32) (param $n i32) (param $W1 i32) (param $b1 i32) (param $H i32) (param $z i32) (param $nz i32)
    (local $r i32) (local $p i32) (local $v i32) (local $cnt i32) (local $k i32) (local $c i32) (local $rowBytes i32)
    (local $zr i32) (local $src i32) (local $e i32) (local $off i32) (local $x f32) (local $s f32) (local $xs v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local.set $rowBytes (i32.shl (local.get $H) (i32.const 2)))
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $zr (i32.add (local.get $z) (i32.mul (local.get $r) (local.get $rowBytes))))
      (local.set $src (i32.add (local.get $pix) (i32.mul (local.get $r) (i32.const 784))))
      ;; the non-zero pixels of image r
      (local.set $cnt (i32.const 0))
      (local.set $p (i32.const 0))
      (block $pdone (loop $ploop
        (br_if $pdone (i32.ge_u (local.get $p) (i32.const 784)))
        (local.set $v (i32.load8_u (i32.add (local.get $src) (local.get $p))))
        (if (local.get $v) (then
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $cnt) (i32.const 3))))
          (i32.store (local.get $e) (i32.add (local.get $W1) (i32.mul (local.get $p) (local.get $rowBytes))))
          (f32.store offset=4 (local.get $e) (f32.mul (f32.convert_i32_u (local.get $v)) (f32.const 0.003921568859368563)))
          (local.set $cnt (i32.add (local.get $cnt) (i32.const 1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ploop)))
      ;; 16 outputs at a time
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.gt_u (i32.add (local.get $c) (i32.const 64)) (local.get $rowBytes)))
        (local.set $a0 (v128.load (i32.add (local.get $b1) (local.get $c))))
        (local.set $a1 (v128.load offset=16 (i32.add (local.get $b1) (local.get $c))))
        (local.set $a2 (v128.load offset=32 (i32.add (local.get $b1) (local.get $c))))
        (local.set $a3 (v128.load offset=48 (i32.add (local.get $b1) (local.get $c))))
        (local.set $k (i32.const 0))
        (block $kdone (loop $kloop
          (br_if $kdone (i32.ge_u (local.get $k) (local.get $cnt)))
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $k) (i32.const 3))))
          (local.set $off (i32.add (i32.load (local.get $e)) (local.get $c)))
          (local.set $xs (f32x4.splat (f32.load offset=4 (local.get $e))))
          (local.set $a0 (MADD (local.get $xs) (v128.load (local.get $off)) (local.get $a0)))
          (local.set $a1 (MADD (local.get $xs) (v128.load offset=16 (local.get $off)) (local.get $a1)))
          (local.set $a2 (MADD (local.get $xs) (v128.load offset=32 (local.get $off)) (local.get $a2)))
          (local.set $a3 (MADD (local.get $xs) (v128.load offset=48 (local.get $off)) (local.get $a3)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop)))
        ;; ReLU, fused into the store
        (v128.store (i32.add (local.get $zr) (local.get $c)) (f32x4.pmax (local.get $a0) (v128.const f32x4 0 0 0 0)))
        (v128.store offset=16 (i32.add (local.get $zr) (local.get $c)) (f32x4.pmax (local.get $a1) (v128.const f32x4 0 0 0 0)))
        (v128.store offset=32 (i32.add (local.get $zr) (local.get $c)) (f32x4.pmax (local.get $a2) (v128.const f32x4 0 0 0 0)))
        (v128.store offset=48 (i32.add (local.get $zr) (local.get $c)) (f32x4.pmax (local.get $a3) (v128.const f32x4 0 0 0 0)))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))
        (br $cloop)))
      ;; then 4 at a time
      (block $vdone (loop $vloop
        (br_if $vdone (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $rowBytes)))
        (local.set $a0 (v128.load (i32.add (local.get $b1) (local.get $c))))
        (local.set $k (i32.const 0))
        (block $kdone2 (loop $kloop2
          (br_if $kdone2 (i32.ge_u (local.get $k) (local.get $cnt)))
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $k) (i32.const 3))))
          (local.set $a0 (MADD (f32x4.splat (f32.load offset=4 (local.get $e))) (v128.load (i32.add (i32.load (local.get $e)) (local.get $c))) (local.get $a0)))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop2)))
        (v128.store (i32.add (local.get $zr) (local.get $c)) (f32x4.pmax (local.get $a0) (v128.const f32x4 0 0 0 0)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $vloop)))
      ;; then one at a time
      (block $sdone (loop $sloop
        (br_if $sdone (i32.ge_u (local.get $c) (local.get $rowBytes)))
        (local.set $s (f32.load (i32.add (local.get $b1) (local.get $c))))
        (local.set $k (i32.const 0))
        (block $kdone3 (loop $kloop3
          (br_if $kdone3 (i32.ge_u (local.get $k) (local.get $cnt)))
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $k) (i32.const 3))))
          (local.set $s (f32.add (local.get $s) (f32.mul (f32.load offset=4 (local.get $e)) (f32.load (i32.add (i32.load (local.get $e)) (local.get $c))))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop3)))
        (f32.store (i32.add (local.get $zr) (local.get $c)) (f32.max (local.get $s) (f32.const 0)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $sloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))

  ;; dW1 = xᵀ·da (784 × H) and db1 = Σ_r da[r, :], into dW1 | db1 (contiguous). Per image: list
  ;; its non-zero pixels (and the bias, an always-1 "pixel 784"), then for 16 columns at a time
  ;; hold da[r, chunk] in registers and add x · da into each listed row of dW1.
  (func (export "backward") (param $pix i32) (param $n i32) (param $da i32) (param $H i32) (param $dW1 i32) (param $nz i32)
    (local $r i32) (local $p i32) (local $v i32) (local $cnt i32) (local $k i32) (local $c i32) (local $rowBytes i32)
    (local $dr i32) (local $src i32) (local $e i32) (local $w i32) (local $x f32) (local $d f32) (local $xs v128)
    (local $d0 v128) (local $d1 v128) (local $d2 v128) (local $d3 v128)
    (local.set $rowBytes (i32.shl (local.get $H) (i32.const 2)))
    (memory.fill (local.get $dW1) (i32.const 0) (i32.mul (local.get $rowBytes) (i32.const 785)))
    (local.set $r (i32.const 0))
    (block $rdone (loop $rloop
      (br_if $rdone (i32.ge_u (local.get $r) (local.get $n)))
      (local.set $dr (i32.add (local.get $da) (i32.mul (local.get $r) (local.get $rowBytes))))
      (local.set $src (i32.add (local.get $pix) (i32.mul (local.get $r) (i32.const 784))))
      ;; the bias first, then the non-zero pixels
      (i32.store (local.get $nz) (i32.add (local.get $dW1) (i32.mul (i32.const 784) (local.get $rowBytes))))
      (f32.store offset=4 (local.get $nz) (f32.const 1))
      (local.set $cnt (i32.const 1))
      (local.set $p (i32.const 0))
      (block $pdone (loop $ploop
        (br_if $pdone (i32.ge_u (local.get $p) (i32.const 784)))
        (local.set $v (i32.load8_u (i32.add (local.get $src) (local.get $p))))
        (if (local.get $v) (then
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $cnt) (i32.const 3))))
          (i32.store (local.get $e) (i32.add (local.get $dW1) (i32.mul (local.get $p) (local.get $rowBytes))))
          (f32.store offset=4 (local.get $e) (f32.mul (f32.convert_i32_u (local.get $v)) (f32.const 0.003921568859368563)))
          (local.set $cnt (i32.add (local.get $cnt) (i32.const 1)))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $ploop)))
      (local.set $c (i32.const 0))
      (block $cdone (loop $cloop
        (br_if $cdone (i32.gt_u (i32.add (local.get $c) (i32.const 64)) (local.get $rowBytes)))
        (local.set $d0 (v128.load (i32.add (local.get $dr) (local.get $c))))
        (local.set $d1 (v128.load offset=16 (i32.add (local.get $dr) (local.get $c))))
        (local.set $d2 (v128.load offset=32 (i32.add (local.get $dr) (local.get $c))))
        (local.set $d3 (v128.load offset=48 (i32.add (local.get $dr) (local.get $c))))
        (local.set $k (i32.const 0))
        (block $kdone (loop $kloop
          (br_if $kdone (i32.ge_u (local.get $k) (local.get $cnt)))
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $k) (i32.const 3))))
          (local.set $w (i32.add (i32.load (local.get $e)) (local.get $c)))
          (local.set $xs (f32x4.splat (f32.load offset=4 (local.get $e))))
          (v128.store (local.get $w) (MADD (local.get $xs) (local.get $d0) (v128.load (local.get $w))))
          (v128.store offset=16 (local.get $w) (MADD (local.get $xs) (local.get $d1) (v128.load offset=16 (local.get $w))))
          (v128.store offset=32 (local.get $w) (MADD (local.get $xs) (local.get $d2) (v128.load offset=32 (local.get $w))))
          (v128.store offset=48 (local.get $w) (MADD (local.get $xs) (local.get $d3) (v128.load offset=48 (local.get $w))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop)))
        (local.set $c (i32.add (local.get $c) (i32.const 64)))
        (br $cloop)))
      (block $vdone (loop $vloop
        (br_if $vdone (i32.gt_u (i32.add (local.get $c) (i32.const 16)) (local.get $rowBytes)))
        (local.set $d0 (v128.load (i32.add (local.get $dr) (local.get $c))))
        (local.set $k (i32.const 0))
        (block $kdone2 (loop $kloop2
          (br_if $kdone2 (i32.ge_u (local.get $k) (local.get $cnt)))
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $k) (i32.const 3))))
          (local.set $w (i32.add (i32.load (local.get $e)) (local.get $c)))
          (v128.store (local.get $w) (MADD (f32x4.splat (f32.load offset=4 (local.get $e))) (local.get $d0) (v128.load (local.get $w))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop2)))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $vloop)))
      (block $sdone (loop $sloop
        (br_if $sdone (i32.ge_u (local.get $c) (local.get $rowBytes)))
        (local.set $d (f32.load (i32.add (local.get $dr) (local.get $c))))
        (local.set $k (i32.const 0))
        (block $kdone3 (loop $kloop3
          (br_if $kdone3 (i32.ge_u (local.get $k) (local.get $cnt)))
          (local.set $e (i32.add (local.get $nz) (i32.shl (local.get $k) (i32.const 3))))
          (local.set $w (i32.add (i32.load (local.get $e)) (local.get $c)))
          (f32.store (local.get $w) (f32.add (f32.load (local.get $w)) (f32.mul (f32.load offset=4 (local.get $e)) (local.get $d))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br $kloop3)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $sloop)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop))))

  ;; w[i] += alpha · g[i] for i < count (SGD on W1 | b1 at once)
  (func (export "axpy") (param $w i32) (param $g i32) (param $count i32) (param $alpha f32)
    (local $i i32) (local $end4 i32) (local $as v128)
    (local.set $as (f32x4.splat (local.get $alpha)))
    (local.set $end4 (i32.shl (i32.and (local.get $count) (i32.const -4)) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $done (loop $loop
      (br_if $done (i32.ge_u (local.get $i) (local.get $end4)))
      (v128.store (i32.add (local.get $w) (local.get $i))
        (MADD (local.get $as) (v128.load (i32.add (local.get $g) (local.get $i))) (v128.load (i32.add (local.get $w) (local.get $i)))))
      (local.set $i (i32.add (local.get $i) (i32.const 16)))
      (br $loop)))
    (block $tdone (loop $tloop
      (br_if $tdone (i32.ge_u (local.get $i) (i32.shl (local.get $count) (i32.const 2))))
      (f32.store (i32.add (local.get $w) (local.get $i))
        (f32.add (f32.load (i32.add (local.get $w) (local.get $i))) (f32.mul (local.get $alpha) (f32.load (i32.add (local.get $g) (local.get $i))))))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $tloop))))
)
