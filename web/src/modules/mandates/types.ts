// Response shapes of the mandates API (src/modules/mandates/module.cc).

export interface Resolution {
  code: string; // "PP-18 Res. 123"
  conference: string;
  number: number;
  revision: string;
  title: string;
}

export interface Programme {
  number: number;
  title: string;
  resolution: string;
}

export interface Pillar {
  code: string;
  letter: string;
  name: string;
  description: string;
}

// GET /api/mandates
export interface Mandates {
  resolutions: Resolution[];
  programmes: Programme[];
  pillars: Pillar[];
}
