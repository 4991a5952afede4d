#!/bin/bash
# Second device run: seed ensembles, weight averaging (EMA) and snapshot ensembles of one run.
S=${SECONDS_EACH:-270}
O=/tmp/exp; mkdir -p $O
export PYTHONUNBUFFERED=1 OMP_NUM_THREADS=1 LOGDIR=$OUT
run() { name=$1; shift; timeout $((S+50)) python3 bench/gpu/recipes.py --name $name --seconds $S --out $O --save-probs --ema 0.998 --snap-from 1500 $EXTRA "$@" > $O/$name.log 2>&1 & }
run s1 --seed 1
run s2 --seed 2
run s3 --seed 3
run s4 --seed 4
run s5-B32 --seed 5 --streams 32
run s6-ch200 --seed 6 --recipe chunks --chunk 200
wait
tail -n 3 $O/*.log > $OUT/logs.txt
python3 bench/gpu/ensemble.py $O | tee $OUT/ensemble.txt
